import type { Logger } from '@stratum/middleware';
import type { BudgetStatus } from './budget.js';

/** Raised once per threshold, budget scope and period. */
export interface BudgetAlert extends BudgetStatus {
  /** The fraction of the limit passed (0.5, 0.8, 1 by default). */
  threshold: number;
}

export type AlertHandler = (alert: BudgetAlert) => void | Promise<void>;

/** Hands an alert to every handler and writes it as a log event; a failing handler is logged. */
export async function deliverAlert(
  alert: BudgetAlert,
  handlers: readonly AlertHandler[],
  logger: Logger | undefined,
): Promise<void> {
  const event = { event: 'stratum.budget.alert', ...alert };
  const message = `stratum budget ${alert.budget} ${alert.scope} passed ${Math.round(alert.threshold * 100)}%`;
  try {
    logger?.info(event, message);
  } catch {
    // A broken logger must not break the call.
  }
  for (const handler of handlers) {
    try {
      await handler(alert);
    } catch (error) {
      try {
        logger?.error(
          { event: 'stratum.budget.alert-failed', budget: alert.budget, error: String(error) },
          'stratum budget alert handler failed',
        );
      } catch {
        // As above.
      }
    }
  }
}
