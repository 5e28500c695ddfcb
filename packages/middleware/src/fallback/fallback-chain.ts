import {
  type CallContext,
  ContextLengthExceededError,
  type ResolvedModel,
  StratumError,
} from '@stratum/core';
import type { TokenEstimator } from '../rate-limit/estimate-request-tokens.js';
import type { FallbackAttempt, FallbackInfo, FallbackSkip } from './fallback-info.js';
import type { FallbackAttemptEvent } from './fallback-middleware.js';
import {
  fitsWindow,
  type PriceGuard,
  refuseByCapabilityOrPrice,
  skip,
  tokenUpperBound,
} from './fit-candidate.js';

export interface ChainSettings {
  models: readonly string[];
  contextWindow: boolean;
  estimateTokens: TokenEstimator;
  guard: PriceGuard;
  onAttempt: ((event: FallbackAttemptEvent) => void) | undefined;
}

/** One call's walk down the chain: which model comes next, and the record of what happened. */
export interface FallbackChain {
  /** The record the response and `readFallbackState` expose; filled in as the call goes. */
  readonly info: FallbackInfo;
  /** The context of the next model that may take the request; throws when none is left. */
  next(): Promise<CallContext>;
  hasMore(): boolean;
  succeeded(attempt: CallContext, latencyMs: number): FallbackInfo;
  failed(attempt: CallContext, error: unknown, latencyMs: number): void;
}

export function planChain(context: CallContext, settings: ChainSettings): FallbackChain {
  const primary = context.model;
  const info: FallbackInfo = { answeredBy: primary.id, attempts: [], skipped: [] };
  const request = context.request;
  const tried = new Set<string>();
  /** 0 is the request's own model; 1… index `settings.models`. */
  let position = 0;
  let upperBound: number | undefined;
  let estimate: number | undefined;
  /** After a vendor said the prompt does not fit a window of this size, only larger ones may try. */
  let windowFloor = 0;
  let lastError: unknown;

  const report = (event: FallbackAttemptEvent): void => settings.onAttempt?.(event);
  const recordSkip = (skipped: FallbackSkip): void => {
    info.skipped.push(skipped);
    if (settings.onAttempt) report({ type: 'skip', requestId: context.requestId, ...skipped });
  };

  async function refuseByWindow(model: ResolvedModel): Promise<FallbackSkip | undefined> {
    const window = model.info?.contextWindow;
    if (window === undefined) return undefined;
    if (window <= windowFloor) {
      return skip(
        model,
        'context-window',
        `its context window (${window} tokens) is not larger than that of a model which already reported the prompt too long (${windowFloor})`,
      );
    }
    if (!settings.contextWindow) return undefined;
    upperBound ??= tokenUpperBound(request);
    if (upperBound <= window) return undefined;
    estimate ??= await settings.estimateTokens(request, model);
    if (fitsWindow(model.info, estimate)) return undefined;
    return skip(
      model,
      'context-window',
      `the prompt plus maxOutputTokens needs about ${estimate} tokens and its context window holds ${window}`,
    );
  }

  async function refuse(model: ResolvedModel): Promise<FallbackSkip | undefined> {
    if (model !== primary) {
      const refused = refuseByCapabilityOrPrice(request, model, primary, settings.guard);
      if (refused) return refused;
    }
    return refuseByWindow(model);
  }

  function contextFor(model: ResolvedModel): CallContext {
    if (model === primary) return context;
    return {
      requestId: context.requestId,
      state: context.state,
      request,
      resolveModel: context.resolveModel,
      model,
      attempt: 1,
    };
  }

  function attemptRecord(
    attempt: CallContext,
    latencyMs: number,
    error?: unknown,
  ): FallbackAttempt {
    const record: FallbackAttempt = { model: attempt.model.id, outcome: 'ok', latencyMs };
    if (error === undefined) return record;
    record.outcome = 'error';
    record.errorClass = error instanceof Error ? error.name : typeof error;
    if (StratumError.is(error)) {
      record.errorCode = error.code;
      if (error.vendorCode !== undefined) record.vendorCode = error.vendorCode;
      if (error.status !== undefined) record.status = error.status;
    }
    return record;
  }

  const finish = (record: FallbackAttempt): void => {
    info.attempts.push(record);
    if (settings.onAttempt) report({ type: 'attempt', requestId: context.requestId, ...record });
  };

  return {
    info,
    hasMore: () => position <= settings.models.length,
    async next() {
      while (position <= settings.models.length) {
        const id = position === 0 ? undefined : settings.models[position - 1];
        position += 1;
        const model = id === undefined ? primary : context.resolveModel(id);
        if (tried.has(model.id)) continue;
        tried.add(model.id);
        const refused = await refuse(model);
        if (refused) {
          recordSkip(refused);
          continue;
        }
        return contextFor(model);
      }
      if (lastError !== undefined) throw lastError;
      throw new ContextLengthExceededError(
        `No model of the fallback chain can hold this request: ${info.skipped.map((entry) => entry.message).join(' ')} Shorten the messages, lower maxOutputTokens, or add a model with a larger context window to fallback({ models }).`,
        { provider: primary.provider, model: primary.name, retryable: false },
      );
    },
    succeeded(attempt, latencyMs) {
      finish(attemptRecord(attempt, latencyMs));
      info.answeredBy = attempt.model.id;
      return info;
    },
    failed(attempt, error, latencyMs) {
      lastError = error;
      finish(attemptRecord(attempt, latencyMs, error));
      if (error instanceof ContextLengthExceededError) {
        windowFloor = Math.max(windowFloor, attempt.model.info?.contextWindow ?? 0);
      }
    },
  };
}
