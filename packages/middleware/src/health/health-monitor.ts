import {
  type CallContext,
  type ChatResponse,
  type Client,
  ConfigurationError,
  FusedStream,
  type ResolvedModel,
  type StreamEvent,
  TimeoutError,
} from '@stratum/core';
import type { CircuitBreaker } from '../circuit-breaker/circuit-breaker-middleware.js';
import type { BreakerState } from '../circuit-breaker/circuit-breaker-store.js';
import { CANCELLED, describeError, errorClassOf, reachedVendor } from './call-errors.js';
import type { HealthEntry, HealthMonitor, HealthSnapshot } from './health-types.js';
import { type CallRecord, HealthWindow } from './health-window.js';

export interface HealthMonitorOptions {
  /** The sliding window the counts and quantiles cover (default 5 minutes). */
  windowMs?: number;
  /** Slices of the window; the oldest slice leaves it whole (default 10). */
  buckets?: number;
  /** DDSketch relative accuracy of the latency quantiles (default 0.01: within 1%). */
  relativeAccuracy?: number;
  /** Reports the circuit state of each model and provider. */
  breaker?: CircuitBreaker;
  /** For `check()`: the client whose providers are called. */
  client?: Pick<Client, 'providers' | 'resolveModel'>;
  /** For `check()`: the model to call per provider (default: the last one seen for it). */
  checkModels?: Record<string, string>;
  /** Longest a `check()` call may take (default 10 s). */
  checkTimeoutMs?: number;
  /** Milliseconds since the epoch (default `Date.now`): the window's clock. */
  now?: () => number;
}

interface Tracked {
  window: HealthWindow;
  inFlight: number;
  lastError: HealthEntry['lastError'];
  /** For model entries, the model (to ask the breaker); for providers, undefined. */
  model: ResolvedModel | undefined;
}

const ORDER: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Per provider and per model, over a sliding window: calls, success rate, errors by class,
 * latency and time-to-first-token quantiles (DDSketch), output tokens per second, calls in
 * flight, breaker state and the last error. `snapshot()` is what a router, a gateway or a
 * dashboard reads.
 */
export function createHealthMonitor(options: HealthMonitorOptions = {}): HealthMonitor {
  const windowMs = options.windowMs ?? 300_000;
  const buckets = options.buckets ?? 10;
  const relativeAccuracy = options.relativeAccuracy ?? 0.01;
  if (!(windowMs > 0) || !Number.isInteger(buckets) || buckets < 1) {
    throw new ConfigurationError(
      `createHealthMonitor: windowMs must be positive and buckets a whole number of at least 1 (got ${windowMs}, ${buckets}).`,
    );
  }
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new ConfigurationError(
      `createHealthMonitor: relativeAccuracy must be between 0 and 1, e.g. 0.01 for 1% (got ${relativeAccuracy}).`,
    );
  }
  const now = options.now ?? Date.now;
  const bucketMs = windowMs / buckets;
  const providers = new Map<string, Tracked>();
  const models = new Map<string, Tracked>();
  const lastModelOf = new Map<string, string>();

  const tracked = (map: Map<string, Tracked>, key: string, model?: ResolvedModel): Tracked => {
    let entry = map.get(key);
    if (!entry) {
      entry = {
        window: new HealthWindow(bucketMs, buckets, relativeAccuracy),
        inFlight: 0,
        lastError: undefined,
        model,
      };
      map.set(key, entry);
    }
    return entry;
  };

  /** Starts a call; the returned function ends it. */
  function begin(model: ResolvedModel): (record: CallRecord, error?: unknown) => void {
    const byProvider = tracked(providers, model.provider);
    const byModel = tracked(models, model.id, model);
    lastModelOf.set(model.provider, model.id);
    byProvider.inFlight += 1;
    byModel.inFlight += 1;
    return (record, error) => {
      byProvider.inFlight -= 1;
      byModel.inFlight -= 1;
      // Refusals made in this process (an open circuit, the client-side limiter) are not calls.
      if (error !== undefined && !reachedVendor(error)) return;
      const time = now();
      byProvider.window.record(record, time);
      byModel.window.record(record, time);
      if (error !== undefined) {
        const lastError = describeError(error, time);
        byProvider.lastError = lastError;
        byModel.lastError = lastError;
      }
    };
  }

  function breakerStateOf(key: string, entry: Tracked): BreakerState | undefined {
    const breaker = options.breaker;
    if (!breaker) return undefined;
    if (entry.model) return breaker.stateOf(breaker.keyFor(entry.model));
    const own = breaker.stateOf(key);
    if (own) return own;
    let worst: BreakerState | undefined;
    for (const model of models.values()) {
      if (model.model?.provider !== key) continue;
      const state = breaker.stateOf(breaker.keyFor(model.model));
      if (state && (worst === undefined || ORDER[state] > ORDER[worst])) worst = state;
    }
    return worst;
  }

  function entryOf(key: string, entry: Tracked, time: number): HealthEntry {
    const totals = entry.window.totals(time);
    return {
      calls: totals.calls,
      successes: totals.successes,
      failures: totals.calls - totals.successes,
      successRate: totals.calls === 0 ? 1 : totals.successes / totals.calls,
      errorsByClass: totals.errorsByClass,
      latencyMs: totals.latencyMs,
      timeToFirstTokenMs: totals.timeToFirstTokenMs,
      outputTokensPerSecond: totals.outputTokensPerSecond,
      inFlight: entry.inFlight,
      breakerState: breakerStateOf(key, entry),
      lastError: entry.lastError && { ...entry.lastError },
    };
  }

  const entries = (map: Map<string, Tracked>, time: number): Record<string, HealthEntry> => {
    const result: Record<string, HealthEntry> = {};
    for (const [key, entry] of map) result[key] = entryOf(key, entry, time);
    return result;
  };

  const monitor: HealthMonitor = {
    snapshot(): HealthSnapshot {
      const time = now();
      return {
        takenAt: time,
        windowMs,
        providers: entries(providers, time),
        models: entries(models, time),
      };
    },

    async check(provider) {
      const client = options.client;
      if (!client) {
        throw new ConfigurationError(
          'monitor.check needs a client: createHealthMonitor({ client, checkModels: { openai: "openai/gpt-4.1-nano" } }).',
        );
      }
      const modelId = options.checkModels?.[provider] ?? lastModelOf.get(provider);
      if (modelId === undefined) {
        throw new ConfigurationError(
          `monitor.check("${provider}") does not know which model to call: no call to ${provider} was seen yet. Name one with createHealthMonitor({ checkModels: { ${provider}: '${provider}/<model>' } }).`,
        );
      }
      const model = client.resolveModel(modelId);
      const instance = client.providers.get(model.provider);
      if (!instance) {
        throw new ConfigurationError(
          `monitor.check("${provider}"): the client has no provider named "${model.provider}" (for ${model.id}).`,
        );
      }
      const end = begin(model);
      const started = performance.now();
      const timeoutMs = options.checkTimeoutMs ?? 10_000;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const result = await instance.chat({
          model: model.name,
          modelInfo: model.info,
          messages: [{ role: 'user', content: 'ping' }],
          maxOutputTokens: CHECK_OUTPUT_TOKENS,
          signal,
        });
        const latencyMs = performance.now() - started;
        end({
          ok: true,
          latencyMs,
          outputTokens: result.usage.outputTokens,
          generationMs: latencyMs,
        });
      } catch (caught) {
        // The provider reports our own timeout as an abort; for health it is the vendor's slowness.
        const error = signal.aborted
          ? new TimeoutError(
              `monitor.check("${provider}"): ${model.id} did not answer within ${timeoutMs} ms.`,
              { provider: model.provider, model: model.name, cause: caught },
            )
          : caught;
        end(
          { ok: false, errorClass: errorClassOf(error), latencyMs: performance.now() - started },
          error,
        );
      }
      const entry = providers.get(model.provider);
      if (!entry) throw new Error('unreachable: the check was recorded');
      return entryOf(model.provider, entry, now());
    },

    middleware: () => ({
      name: 'health',

      async chat(context: CallContext, next): Promise<ChatResponse> {
        const end = begin(context.model);
        const started = performance.now();
        let response: ChatResponse;
        try {
          response = await next(context);
        } catch (error) {
          end(
            { ok: false, errorClass: errorClassOf(error), latencyMs: performance.now() - started },
            error,
          );
          throw error;
        }
        const latencyMs = performance.now() - started;
        end({
          ok: true,
          latencyMs,
          outputTokens: response.usage.outputTokens,
          generationMs: latencyMs,
        });
        return response;
      },

      stream(context: CallContext, next): AsyncIterable<StreamEvent> {
        const end = begin(context.model);
        const started = performance.now();
        let firstTokenAt: number | undefined;
        let outputTokens: number | undefined;
        let failure: unknown;
        let finished = false;
        return FusedStream.from(next(context), {
          item(event, emit) {
            if (event.type === 'finish') {
              finished = true;
              outputTokens = event.response.usage.outputTokens;
            } else firstTokenAt ??= performance.now();
            emit(event);
          },
          error(error) {
            failure = error;
            return error;
          },
          close() {
            const ended = performance.now();
            const record: CallRecord = {
              ok: finished && failure === undefined,
              latencyMs: ended - started,
              outputTokens,
              generationMs: ended - (firstTokenAt ?? started),
            };
            if (firstTokenAt !== undefined) record.timeToFirstTokenMs = firstTokenAt - started;
            if (failure !== undefined) record.errorClass = errorClassOf(failure);
            // A caller who stopped reading early ended neither a success nor a failure.
            end(record, finished || failure !== undefined ? failure : CANCELLED);
          },
        });
      },
    }),

    reset() {
      providers.clear();
      models.clear();
      lastModelOf.clear();
    },
  };
  return monitor;
}

/** A check asks for a few tokens: some vendors refuse a limit of 1 for reasoning models. */
const CHECK_OUTPUT_TOKENS = 8;
