import { RateLimitError } from '@stratum/core';
import { isPromiseLike } from '../shared/is-promise-like.js';
import type { RateLimitDemand, RateLimitStore } from './rate-limit-store.js';

interface Waiter {
  demands: readonly RateLimitDemand[];
  resolve(): void;
  reject(error: unknown): void;
  settled: boolean;
  deadline: number;
}

export interface AdmissionSettings {
  maxQueue: number;
  queueTimeoutMs: number;
  /** Describes the limit in errors, e.g. `openai/gpt-4.1-mini`. */
  label: string;
}

/** The call's model, named in the errors of a refused call. */
export interface AdmittedModel {
  provider: string;
  name: string;
}

/**
 * The callers of one limit key in this process, first come first served. Only the head of the
 * queue asks the store, and it sleeps exactly until the store says its demand will fit, so a
 * full queue costs no polling storm (other processes wait in their own queues on the same store).
 */
export class AdmissionQueue {
  readonly #store: RateLimitStore;
  readonly #key: string;
  readonly #settings: AdmissionSettings;
  readonly #waiters: Waiter[] = [];
  #pumping = false;
  #wake: (() => void) | undefined;

  /** `settings` describe the key's limit; they are the same for every call of the key. */
  constructor(store: RateLimitStore, key: string, settings: AdmissionSettings) {
    this.#store = store;
    this.#key = key;
    this.#settings = settings;
  }

  get length(): number {
    return this.#waiters.length;
  }

  /** Resolves once the demands are taken; returns nothing when they were taken at once. */
  admit(
    demands: readonly RateLimitDemand[],
    model: AdmittedModel,
    signal: AbortSignal | undefined,
  ): void | Promise<void> {
    if (this.#waiters.length > 0) return this.#enqueue(demands, model, signal);
    // The memory store decides at once: a call with room goes through without waiting a turn.
    const decision = this.#store.acquire(this.#key, demands);
    if (!isPromiseLike(decision)) {
      return decision.ok ? undefined : this.#enqueue(demands, model, signal);
    }
    return Promise.resolve(decision).then((settled) =>
      settled.ok ? undefined : this.#enqueue(demands, model, signal),
    );
  }

  async #enqueue(
    demands: readonly RateLimitDemand[],
    { provider, name: model }: AdmittedModel,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const settings = this.#settings;
    if (this.#waiters.length >= settings.maxQueue) {
      throw new RateLimitError(
        `The client-side rate limiter for ${settings.label} has ${settings.maxQueue} calls waiting already (maxQueue), so this one was refused without calling the vendor. Slow down, or raise maxQueue or the limit in rateLimit({ ... }).`,
        {
          provider,
          model,
          retryable: false,
          vendorCode: 'client_rate_limit_queue_full',
        },
      );
    }
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        demands,
        settled: false,
        deadline: performance.now() + settings.queueTimeoutMs,
        resolve: () => {
          finish();
          resolve();
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.reject(
          new RateLimitError(
            `The client-side rate limiter for ${settings.label} kept this call waiting ${settings.queueTimeoutMs} ms (queueTimeoutMs) without a free slot, so it was given up without calling the vendor. Raise the limit or queueTimeoutMs, or send fewer calls.`,
            {
              provider,
              model,
              retryable: false,
              vendorCode: 'client_rate_limit_timeout',
            },
          ),
        );
      }, settings.queueTimeoutMs);
      const onAbort = (): void => waiter.reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (): void => {
        waiter.settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        // The head may have left: let the pump look at the new head now.
        if (index === 0) this.#wake?.();
      };
      this.#waiters.push(waiter);
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let head = this.#waiters[0]; head; head = this.#waiters[0]) {
        let decision: Awaited<ReturnType<RateLimitStore['acquire']>>;
        try {
          decision = await this.#store.acquire(this.#key, head.demands);
        } catch (error) {
          head.reject(error);
          continue;
        }
        if (decision.ok) {
          if (head.settled) await this.#giveBack(head.demands);
          else head.resolve();
          continue;
        }
        if (head.settled) continue;
        await this.#sleep(
          Math.min(decision.retryInMs, Math.max(1, head.deadline - performance.now())),
        );
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** The head left (timed out, aborted) while the store was admitting it. */
  async #giveBack(demands: readonly RateLimitDemand[]): Promise<void> {
    for (const demand of demands) {
      try {
        await this.#store.adjust(this.#key, { ...demand, amount: -demand.amount });
      } catch {
        // The slot stays spent; the bucket refills on its own.
      }
    }
  }

  #sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, milliseconds);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
