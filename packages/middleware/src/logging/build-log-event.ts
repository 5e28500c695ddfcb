import { type CallContext, type ChatResponse, StratumError } from '@stratum/core';
import { readCacheState, readRetryState } from '../shared/call-state.js';
import { readRoutingDecision, summarizeRouting } from '../shared/routing-state.js';

export type CallOutcome = 'ok' | 'error' | 'cancelled';

export interface LogEventInput {
  context: CallContext;
  operation: 'chat' | 'stream';
  outcome: CallOutcome;
  latencyMs: number;
  response?: ChatResponse;
  error?: unknown;
  includeBodies: boolean;
}

/**
 * The one structured event written per call. It names only what an operator needs (ids,
 * model, attempts, latency, tokens, dollars, cache outcome, the routing decision, the error's
 * class and code); the
 * prompt and completion are added only with `includeBodies`. The caller redacts it.
 */
export function buildLogEvent(input: LogEventInput): Record<string, unknown> {
  const { context, response, error } = input;
  const retry = readRetryState(context);
  const cache = readCacheState(context);
  const event: Record<string, unknown> = {
    event: 'stratum.call',
    operation: input.operation,
    outcome: input.outcome,
    requestId: context.requestId,
    provider: context.model.provider,
    model: context.model.id,
    attempts: retry?.attempts ?? context.attempt,
    latencyMs: Math.round(input.latencyMs * 10) / 10,
  };
  if (retry && retry.failures.length > 0) {
    event['retries'] = retry.failures.map((failure) => ({
      attempt: failure.attempt,
      errorCode: failure.errorCode,
      status: failure.status,
      delayMs: failure.delayMs,
    }));
    if (retry.stopReason) event['retryStopReason'] = retry.stopReason;
  }
  if (cache) event['cacheHit'] = cache.hit;
  if (cache?.hit && cache.costSaved !== undefined) event['costSaved'] = cache.costSaved;
  const routing = readRoutingDecision(context, response);
  if (routing) event['routing'] = summarizeRouting(routing);
  if (context.request.tags?.length) event['tags'] = context.request.tags;
  if (context.request.metadata) event['metadata'] = context.request.metadata;
  if (response) {
    event['responseId'] = response.id;
    event['responseModel'] = response.model;
    event['finishReason'] = response.finishReason;
    const usage = response.usage;
    event['tokens'] = {
      input: usage.inputTokens,
      output: usage.outputTokens,
      cacheRead: usage.cacheReadTokens,
      cacheWrite: usage.cacheWriteTokens,
      reasoning: usage.reasoningTokens,
      total: usage.totalTokens,
    };
    event['cost'] = response.cost?.total;
    if (response.warnings.length > 0) event['warnings'] = response.warnings.map((w) => w.message);
  }
  if (error !== undefined) event['error'] = describeError(error);
  if (input.includeBodies) {
    event['request'] = {
      messages: context.request.messages,
      tools: context.request.tools?.map((tool) => tool.name),
      responseFormat: context.request.responseFormat?.type,
    };
    if (response) {
      event['response'] = {
        text: response.text,
        reasoning: response.reasoning,
        toolCalls: response.toolCalls.map((call) => ({
          name: call.name,
          arguments: call.rawArguments,
        })),
      };
    }
  }
  return event;
}

function describeError(error: unknown): Record<string, unknown> {
  if (StratumError.is(error)) {
    return {
      class: error.name,
      code: error.code,
      status: error.status,
      retryable: error.retryable,
      vendorCode: error.vendorCode,
      message: error.message,
    };
  }
  if (error instanceof Error) return { class: error.name, code: 'unknown', message: error.message };
  return { class: typeof error, code: 'unknown', message: String(error) };
}
