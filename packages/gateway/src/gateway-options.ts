import type { Client } from '@stratum/core';
import type { HealthMonitor, RateLimitStore } from '@stratum/middleware';
import type { Router } from '@stratum/router';
import type { Tracker } from '@stratum/tracker';
import type { PlaygroundOptions } from './static/playground-static.js';
import type { CallFeed } from './websocket/call-feed.js';

/**
 * One caller of the gateway. Give the key's SHA-256 (`keyHash`, hex) so the config holds no
 * secret, or the `key` itself (hashed at start-up and not kept).
 */
export interface GatewayKey {
  /** Names the caller in records (`apiKeyId` tag), stats and errors; never the key itself. */
  id: string;
  keyHash?: string;
  key?: string;
  /** Model ids, aliases or route ids this key may call (default: all). */
  allowedModels?: string[];
  /** Added to each call of this key as request tags (`team:search`). */
  tags?: string[];
  /** Calls per minute this key may make, as a token bucket (bursts up to the same number). */
  rateLimit?: { requestsPerMinute: number };
}

/** Whether a provider calls its vendor's real API or a local simulator (demo mode). */
export type ProviderMode = 'live' | 'demo';

export interface GatewayOptions {
  /** The Stratum client every call goes through (its providers and middleware). */
  client: Client;
  /** Largest request body in bytes (default 10 MiB, room for base64 images); more is a 413. */
  maxBodyBytes?: number;
  /** The router in the client's middleware: its routes are model ids, `/api/route/decide` asks it. */
  router?: Router;
  /** The tracker whose middleware is in the client: stats, calls and budgets come from it. */
  tracker?: Tracker;
  /** The health monitor whose middleware is in the client: breaker state and success rates. */
  health?: HealthMonitor;
  /** Gateway API keys; when given, every `/v1` and `/api` call needs `Authorization: Bearer`. */
  keys?: GatewayKey[];
  /** Where keys' rate limits are counted (default: this process; `@stratum/redis` to share). */
  rateLimitStore?: RateLimitStore;
  /** Serves the built playground at `/` (see `apps/playground`). */
  playground?: PlaygroundOptions;
  /** Feeds the WebSocket `calls` topic: the tracker's store wrapped by `createCallFeed`. */
  calls?: CallFeed;
  /**
   * Extra checks `/ready` runs, by name: each resolves when its dependency answers (the command
   * adds `redis` when the config shares state through Redis). A check that rejects, or takes
   * longer than 2 s, makes `/ready` answer 503.
   */
  readinessChecks?: Record<string, () => Promise<unknown>>;
  /** How `/api/models/providers` labels each provider (default `live`). */
  providerModes?: Record<string, ProviderMode>;
}
