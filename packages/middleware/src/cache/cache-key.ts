import { createHash } from 'node:crypto';
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
  const fields: Array<[string, unknown]> = [
    ['includeRaw', request.includeRaw === true || undefined],
    ['maxOutputTokens', request.maxOutputTokens],
    ['messages', request.messages],
    ['model', context.model.id],
    ['parallelToolCalls', request.parallelToolCalls],
    ['providerOptions', request.providerOptions],
    ['reasoning', request.reasoning],
    ['responseFormat', request.responseFormat],
    ['seed', request.seed],
    ['stop', request.stop],
    ['temperature', request.temperature],
    ['toolChoice', request.toolChoice],
    ['tools', request.tools],
    ['topP', request.topP],
  ];
  let text = '{';
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    if (text.length > 1) text += ',';
    text += `"${name}":${stableStringify(value)}`;
  }
  text += '}';
  const digest = createHash('sha256').update(text).digest('hex');
  return `${KEY_VERSION}:${digest}`;
}
