import type { HealthSnapshot } from './health-snapshot.js';
import type { DeploymentOptions } from './router-types.js';

const MINUTE_MS = 60_000;

/** Live state of one deployment: calls in flight and the current minute's requests and tokens. */
export class DeploymentState {
  readonly model: string;
  readonly weight: number;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  inFlight = 0;
  private windowStart = 0;
  private requests = 0;
  private tokens = 0;

  constructor(options: DeploymentOptions) {
    this.model = options.model;
    this.weight = options.weight ?? 1;
    this.rpm = options.rpm;
    this.tpm = options.tpm;
  }

  /** Whether one more call of `tokens` fits this minute's RPM and TPM. */
  hasRoom(tokens: number, now: number): boolean {
    this.roll(now);
    if (this.rpm !== undefined && this.requests + 1 > this.rpm) return false;
    if (this.tpm !== undefined && this.tokens + tokens > this.tpm) return false;
    return true;
  }

  record(tokens: number, now: number): void {
    this.roll(now);
    this.requests += 1;
    this.tokens += tokens;
  }

  private roll(now: number): void {
    if (now - this.windowStart >= MINUTE_MS) {
      this.windowStart = now;
      this.requests = 0;
      this.tokens = 0;
    }
  }
}

export type BalanceMode = 'weighted' | 'least-busy' | 'latency';

/**
 * Orders a candidate's deployments for one call: the preferred one first, the rest as failover
 * order. Deployments without room this minute are left out.
 */
export function orderDeployments(
  deployments: readonly DeploymentState[],
  mode: BalanceMode,
  tokens: number,
  now: number,
  random: () => number,
  health: HealthSnapshot | undefined,
): DeploymentState[] {
  const open = deployments.filter((deployment) => {
    if (!deployment.hasRoom(tokens, now)) return false;
    return health?.models[deployment.model]?.breakerState !== 'open';
  });
  if (open.length <= 1) return open;
  if (mode === 'least-busy') {
    return [...open].sort((a, b) => busyness(a, health) - busyness(b, health));
  }
  if (mode === 'latency') {
    return [...open].sort(
      (a, b) =>
        (health?.models[a.model]?.latencyMs?.p50 ?? Number.POSITIVE_INFINITY) -
        (health?.models[b.model]?.latencyMs?.p50 ?? Number.POSITIVE_INFINITY),
    );
  }
  const first = pickWeighted(open, random);
  return [first, ...open.filter((deployment) => deployment !== first)];
}

function busyness(deployment: DeploymentState, health: HealthSnapshot | undefined): number {
  return Math.max(deployment.inFlight, health?.models[deployment.model]?.inFlight ?? 0);
}

export function pickWeighted<T extends { weight: number }>(
  items: readonly T[],
  random: () => number,
): T {
  let total = 0;
  for (const item of items) total += Math.max(item.weight, 0);
  let point = random() * total;
  for (const item of items) {
    point -= Math.max(item.weight, 0);
    if (point < 0) return item;
  }
  return items[items.length - 1]!;
}
