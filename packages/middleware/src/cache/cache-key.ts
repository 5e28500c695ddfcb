import { hash } from 'node:crypto';
import type { CallContext } from '@stratum/core';
import { stableStringify } from './stable-stringify.js';

/** Bumped when the key's recipe changes, so old entries are never read with a new meaning. */
const KEY_VERSION = 'v1';

/**
 * The exact-match key of a call: sha256 of the sorted-key JSON of everything that shapes the
 * answer — the resolved model id (so `gpt-4.1-mini` and `openai/gpt-4.1-mini` share entries),
 * messages, sampling parameters, tools, response format, reasoning and provider options — and
 * nothing that does not: signal, metadata, tags, timeoutMs and the cache control itself.
 */
export function createCacheKey(context: CallContext): string {
  const { request } = context;
  // Written field by field in sorted order: the same text `stableStringify` would give for the
  // whole normalized object, without building and sorting it on every call.
  let text = '{';
  text = field(text, 'includeRaw', request.includeRaw === true || undefined);
  text = field(text, 'maxOutputTokens', request.maxOutputTokens);
  text = field(text, 'messages', request.messages);
  text = field(text, 'model', context.model.id);
  text = field(text, 'parallelToolCalls', request.parallelToolCalls);
  text = field(text, 'providerOptions', request.providerOptions);
  text = field(text, 'reasoning', request.reasoning);
  text = field(text, 'responseFormat', request.responseFormat);
  text = field(text, 'seed', request.seed);
  text = field(text, 'stop', request.stop);
  text = field(text, 'temperature', request.temperature);
  text = field(text, 'toolChoice', request.toolChoice);
  text = field(text, 'tools', request.tools);
  text = field(text, 'topP', request.topP);
  text += '}';
  // One-shot hashing: no Hash object and stream state per key, about half the cost for short text.
  const digest = hash('sha256', text, 'hex');
  return `${KEY_VERSION}:${digest}`;
}

/** Appends `"name":value` to the key text, leaving out undefined values as JSON does. */
function field(text: string, name: string, value: unknown): string {
  if (value === undefined) return text;
  return `${text.length > 1 ? `${text},` : text}"${name}":${stableStringify(value)}`;
}
