import { type ChatResponse, toPicodollars } from '@stratum/core';

/** Exact dollars from integer picodollars: `$0.0000155`, never a rounded float. */
export function formatDollars(picodollars: bigint): string {
  const whole = picodollars / 1_000_000_000_000n;
  const fraction = String(picodollars % 1_000_000_000_000n)
    .padStart(12, '0')
    .replace(/0+$/, '');
  return `$${whole}.${fraction || '0'}`;
}

/** The line printed under each answer: what it cost, who answered, and who failed first. */
export function costLine(response: ChatResponse): string {
  const { usage, cost } = response;
  const price = cost ? formatDollars(toPicodollars(cost.total)) : 'unknown (no catalog price)';
  const failures = (response.fallback?.attempts ?? [])
    .filter((attempt) => attempt.outcome === 'error')
    .map((attempt) => {
      const why = [attempt.errorClass, attempt.status].filter((part) => part !== undefined);
      return `${attempt.model} failed: ${why.join(' ')}`;
    });
  const parts = [
    `cost ${price}`,
    response.modelId,
    `${usage.inputTokens} input + ${usage.outputTokens} output tokens`,
    ...failures,
  ];
  return `[${parts.join(' · ')}]`;
}
