import { computeBackoffDelay } from '@stratum/middleware';
import type { AlertHandler, BudgetAlert } from './budget-alert.js';

export interface WebhookSenderOptions {
  url: string | URL;
  /** Extra headers (e.g. a signature); never logged. */
  headers?: Record<string, string>;
  /** Attempts in all (default 4). */
  attempts?: number;
  /** First backoff (default 500 ms), doubling, with full jitter, up to `maxDelayMs` (default 10 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * An alert handler that POSTs each alert as JSON, retrying network failures, 429 and 5xx with
 * exponential backoff. Use it as `onAlert`. It rejects after the last attempt fails, which
 * the tracker logs (`stratum.budget.alert-failed`) without failing the call.
 */
export function createWebhookSender(options: WebhookSenderOptions): AlertHandler {
  const attempts = options.attempts ?? 4;
  const send = options.fetch ?? fetch;
  const settings = {
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    random: Math.random,
  };
  return async (alert: BudgetAlert) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const response = await send(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(alert),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await response.body?.cancel();
        if (response.ok) return;
        lastError = new Error(`the webhook answered HTTP ${response.status}`);
        if (response.status !== 429 && response.status < 500) break;
      } catch (error) {
        lastError = error;
      }
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, computeBackoffDelay(attempt, settings)));
      }
    }
    throw lastError;
  };
}
