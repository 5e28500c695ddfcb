/**
 * Preloaded into Portkey's gateway process: its start script listens on every interface and has
 * no host option, and the benchmark's servers listen on 127.0.0.1 only. Adds the host to a
 * `listen(port, undefined, callback)` call; changes nothing else.
 */
import { Server } from 'node:net';

const listen = Server.prototype.listen;
Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]) {
  if (typeof args[0] === 'number' && args[1] === undefined) args[1] = '127.0.0.1';
  return Reflect.apply(listen, this, args);
};
