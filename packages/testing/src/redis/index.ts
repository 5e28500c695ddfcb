export {
  REDIS_INSTALL_HINT,
  type RedisServer,
  startRedisServer,
} from './start-redis-server.js';
