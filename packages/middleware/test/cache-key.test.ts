import type { CallContext, ChatRequest } from '@stratum/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCacheKey, stableStringify } from '../src/index.js';

function contextFor(request: ChatRequest, modelId = 'openai/gpt-4.1-mini'): CallContext {
  const [provider = '', name = ''] = modelId.split('/');
  const model = { id: modelId, provider, name, info: undefined };
  return {
    requestId: 'r',
    request,
    model,
    state: new Map(),
    resolveModel: () => model,
    attempt: 1,
  };
}

describe('stableStringify', () => {
  it('sorts keys at every depth, keeps array order and drops undefined like JSON', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"z":1}]},"b":1}',
    );
    expect(stableStringify([undefined, () => 1])).toBe('[null,null]');
    expect(stableStringify({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
  });

  it('gives the same text for any key order and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stableStringify(value);
        const shuffled = JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
          item && typeof item === 'object' && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        );
        return stableStringify(shuffled) === text && stableStringify(JSON.parse(text)) === text;
      }),
    );
  });

  it('refuses a cycle', () => {
    const looped: Record<string, unknown> = {};
    looped['self'] = looped;
    expect(() => stableStringify(looped)).toThrow(/cycle/);
  });
});

describe('createCacheKey', () => {
  const request: ChatRequest = {
    model: 'gpt-4.1-mini',
    messages: [{ role: 'user', content: 'Hi' }],
    cache: { ttlMs: 5 },
    providerOptions: { openai: { user: 'u' }, stratum: { other: 1 } },
  };

  it('is a versioned sha256 of the normalized request', () => {
    expect(createCacheKey(contextFor(request))).toMatch(/^v1:[0-9a-f]{64}$/);
  });

  it('ignores the cache control but keeps provider options', () => {
    const base = createCacheKey(contextFor(request));
    expect(createCacheKey(contextFor({ ...request, cache: false }))).toBe(base);
    const { cache: _cache, ...withoutControl } = request;
    expect(createCacheKey(contextFor(withoutControl))).toBe(base);
    expect(
      createCacheKey(
        contextFor({
          ...request,
          providerOptions: { openai: { user: 'u' }, stratum: { other: 2 } },
        }),
      ),
    ).not.toBe(base);
    expect(
      createCacheKey(contextFor({ ...request, providerOptions: { stratum: { other: 1 } } })),
    ).not.toBe(base);
  });

  it('uses the resolved model id, not what the caller typed', () => {
    const typed = createCacheKey(contextFor({ ...request, model: 'gpt-4.1-mini' }));
    const prefixed = createCacheKey(contextFor({ ...request, model: 'openai/gpt-4.1-mini' }));
    expect(typed).toBe(prefixed);
    expect(createCacheKey(contextFor(request, 'openai/gpt-4.1'))).not.toBe(typed);
  });

  it('treats includeRaw false and absent alike', () => {
    expect(createCacheKey(contextFor({ ...request, includeRaw: false }))).toBe(
      createCacheKey(contextFor(request)),
    );
    expect(createCacheKey(contextFor({ ...request, includeRaw: true }))).not.toBe(
      createCacheKey(contextFor(request)),
    );
  });
});

describe('createCacheKey recipe', () => {
  it('hashes exactly the sorted-key JSON of the normalized request', async () => {
    const { createHash } = await import('node:crypto');
    const request: ChatRequest = {
      model: 'gpt-4.1-mini',
      temperature: 0.3,
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
      metadata: { ignored: true },
      cache: true,
    };
    const normalized = {
      model: 'openai/gpt-4.1-mini',
      messages: request.messages,
      temperature: 0.3,
      tools: request.tools,
    };
    const expected = createHash('sha256').update(stableStringify(normalized)).digest('hex');
    const model = {
      id: 'openai/gpt-4.1-mini',
      provider: 'openai',
      name: 'gpt-4.1-mini',
      info: undefined,
    };
    const context: CallContext = {
      requestId: 'r',
      request,
      model,
      state: new Map(),
      resolveModel: () => model,
      attempt: 1,
    };
    expect(createCacheKey(context)).toBe(`v1:${expected}`);
  });
});
