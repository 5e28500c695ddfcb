import {
  type CallContext,
  type ChatResponse,
  type FinishReason,
  StratumError,
} from '@stratum/core';
import { readCacheState, readRetryState } from '../shared/call-state.js';
import { readRoutingDecision, summarizeRouting } from '../shared/routing-state.js';
import type { Attributes } from './load-opentelemetry.js';

/**
 * Attribute names and values of the OpenTelemetry semantic conventions for generative AI
 * client spans: https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/
 */

/** Stratum provider names mapped to the conventions' well-known `gen_ai.provider.name` values. */
const PROVIDER_NAMES: Record<string, string> = {
  google: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  bedrock: 'aws.bedrock',
  azure: 'azure.ai.openai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
};

const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_call',
  'content-filter': 'content_filter',
  error: 'error',
  other: 'other',
};

export function spanName(context: CallContext): string {
  return `chat ${context.model.name}`;
}

/** What samplers may look at: the conventions ask for these when the span starts. */
export function samplingAttributes(context: CallContext): Attributes {
  const provider = PROVIDER_NAMES[context.model.provider] ?? context.model.provider;
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider,
    // The name used before semantic conventions 1.37, still read by many backends.
    'gen_ai.system': provider,
    'gen_ai.request.model': context.model.name,
  };
}

/** The rest of what is known before the call. */
export function requestAttributes(context: CallContext): Attributes {
  const { request } = context;
  return {
    'gen_ai.request.temperature': request.temperature,
    'gen_ai.request.top_p': request.topP,
    'gen_ai.request.max_tokens': request.maxOutputTokens,
    'gen_ai.request.seed': request.seed,
    'gen_ai.request.stop_sequences': request.stop,
    'gen_ai.output.type': outputType(context),
  };
}

/** What the answer tells. */
export function responseAttributes(context: CallContext, response: ChatResponse): Attributes {
  const cache = readCacheState(context);
  return {
    'gen_ai.response.model': response.model,
    'gen_ai.response.id': response.id,
    'gen_ai.response.finish_reasons': [FINISH_REASONS[response.finishReason]],
    'gen_ai.usage.input_tokens': response.usage.inputTokens,
    'gen_ai.usage.output_tokens': response.usage.outputTokens,
    'gen_ai.usage.cache_read.input_tokens': response.usage.cacheReadTokens,
    'gen_ai.usage.cache_creation.input_tokens': response.usage.cacheWriteTokens,
    'stratum.cost.usd': response.cost?.total,
    'stratum.cache.hit': cache?.hit,
    'stratum.attempts': readRetryState(context)?.attempts,
    ...routingAttributes(context, response),
  };
}

/** The router's decision, when a route chose the model: `stratum.routing.*`. */
export function routingAttributes(context: CallContext, response?: ChatResponse): Attributes {
  const decision = readRoutingDecision(context, response);
  if (!decision) return {};
  const summary = summarizeRouting(decision);
  return {
    'stratum.routing.route': summary.route,
    'stratum.routing.strategy': summary.strategy,
    'stratum.routing.model': summary.model,
    'stratum.routing.deployment': summary.deployment,
    'stratum.routing.complexity': summary.complexity,
    'stratum.routing.threshold': summary.threshold,
    'stratum.routing.tier': summary.tier,
    'stratum.routing.candidate_count': summary.candidates,
    'stratum.routing.dropped_count': summary.dropped,
    'stratum.routing.failover_count': summary.failovers,
  };
}

/** `error.type`: the error's class, a low-cardinality name as the conventions ask. */
export function errorAttributes(context: CallContext, error: unknown): Attributes {
  return {
    'error.type': error instanceof Error ? error.name : '_OTHER',
    'stratum.error.code': StratumError.is(error) ? error.code : undefined,
    'http.response.status_code': StratumError.is(error) ? error.status : undefined,
    'stratum.attempts': readRetryState(context)?.attempts,
    ...routingAttributes(context),
  };
}

function outputType(context: CallContext): string {
  const format = context.request.responseFormat?.type;
  return format === 'json' || format === 'json-schema' ? 'json' : 'text';
}

/** OpenTelemetry drops undefined attribute values with a warning; leave them out instead. */
export function definedAttributes(attributes: Attributes): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}
