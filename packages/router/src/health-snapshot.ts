import type { HealthSnapshot } from '@stratum/middleware';

export type {
  BreakerState,
  HealthEntry,
  HealthSnapshot,
  LatencyQuantiles,
} from '@stratum/middleware';

/**
 * Where the router reads provider and model health: `@stratum/middleware`'s health monitor, or
 * anything else that produces its snapshot.
 */
export interface RouterHealthSource {
  snapshot(): HealthSnapshot;
}
