import { type Client, createClient, type Middleware, type Provider } from '@stratum/core';
import {
  type CircuitBreakerOptions,
  circuitBreaker,
  createHealthMonitor,
  type FallbackOptions,
  type HealthMonitor,
  type RateLimitOptions,
  type ResponseCacheOptions,
  type RetryOptions,
  rateLimit,
  responseCache,
  retry,
} from '@stratum/middleware';
import { createRouter, type Router, type RouterOptions } from '@stratum/router';
import {
  type Budget,
  type BudgetStore,
  createMemoryStore,
  createTracker,
  type RecordStore,
  type Tracker,
} from '@stratum/tracker';
import { type CallFeed, createCallFeed } from '../websocket/call-feed.js';
import { fallbackChains } from './fallback-chains.js';

export interface GatewayStackOptions {
  providers: Provider[];
  /** Route ids and their settings; the router is left out when there are none. */
  routes?: RouterOptions['routes'];
  /** Where records go (default in memory); wrapped so the WebSocket `calls` topic sees them. */
  recordStore?: RecordStore;
  budgets?: Budget[];
  /** Where budget counters live (default: the record store's; Redis to share them). */
  budgetStore?: BudgetStore;
  cache?: ResponseCacheOptions;
  /** Fallback chains by model id (`*` for any other model). */
  fallbacks?: Record<string, FallbackOptions>;
  retry?: RetryOptions;
  circuitBreaker?: CircuitBreakerOptions;
  rateLimit?: RateLimitOptions;
}

/** What `createGateway` needs besides its HTTP settings: spread it into its options. */
export interface GatewayStack {
  client: Client;
  router: Router | undefined;
  tracker: Tracker;
  health: HealthMonitor;
  calls: CallFeed;
}

/**
 * The client behind a gateway with its router, tracker and health monitor wired in the order
 * the middleware's doc gives: the router outermost so everything below sees the chosen model;
 * the tracker next so it sees the call as the caller does (cache hits, fallbacks, retries);
 * the cache before the fallbacks (a hit needs none); the breaker inside the retries (an open
 * circuit stops them at once) and around the rate limiter (an open circuit takes no slot); the
 * health monitor innermost, so it times each vendor request.
 */
export function createGatewayStack(options: GatewayStackOptions): GatewayStack {
  const calls = createCallFeed(options.recordStore ?? createMemoryStore());
  const tracker = createTracker({
    store: calls.store,
    ...(options.budgets ? { budgets: options.budgets } : {}),
    ...(options.budgetStore ? { budgetStore: options.budgetStore } : {}),
  });
  const breaker = options.circuitBreaker ? circuitBreaker(options.circuitBreaker) : undefined;
  const health = createHealthMonitor(breaker ? { breaker } : {});
  const routes = options.routes ?? {};
  const router = Object.keys(routes).length > 0 ? createRouter({ routes, health }) : undefined;
  const middleware: Middleware[] = [];
  if (router) middleware.push(router);
  middleware.push(tracker.middleware);
  if (options.cache) middleware.push(responseCache(options.cache));
  if (options.fallbacks && Object.keys(options.fallbacks).length > 0)
    middleware.push(fallbackChains(options.fallbacks));
  if (options.retry) middleware.push(retry(options.retry));
  if (breaker) middleware.push(breaker);
  if (options.rateLimit) middleware.push(rateLimit(options.rateLimit));
  middleware.push(health.middleware());
  const client = createClient({ providers: options.providers, middleware });
  return { client, router, tracker, health, calls };
}
