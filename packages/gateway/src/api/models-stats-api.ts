import { listModels } from '@stratum/core';
import type { Hono } from 'hono';
import * as v from 'valibot';
import { errorReply } from '../errors/error-reply.js';
import { invalidField } from '../errors/gateway-error.js';
import type { GatewayOptions } from '../gateway-options.js';
import { asCaller } from '../keys/gateway-keys.js';
import { moneyFromPicodollars } from '../money.js';
import { readJsonBody } from '../server/read-json-body.js';
import { requirePart } from './require-part.js';

const testBody = v.object({ provider: v.pipe(v.string(), v.minLength(1)) });

/** The cheapest catalog chat model of a provider: a test call should cost next to nothing. */
function testModelOf(provider: string): string | undefined {
  const models = listModels().filter((model) => model.provider === provider);
  const priced = models
    .filter((model) => model.pricing !== undefined)
    .sort((a, b) => (a.pricing?.output ?? 0) - (b.pricing?.output ?? 0));
  return (priced[0] ?? models[0])?.id;
}

/**
 * `GET /api/models/stats` (per model, from the tracker) and `POST /api/models/test` (one tiny
 * real call through a provider, through the client's middleware, so it is tracked like any).
 */
export function addModelsStatsApi(app: Hono, options: GatewayOptions): void {
  app.get('/api/models/stats', async (context) => {
    const tracker = requirePart(options.tracker, 'tracker', 'GET /api/models/stats');
    const groups = await tracker.query({ groupBy: ['provider', 'model'] });
    return context.json({
      models: groups.map((group) => ({
        model: group.key.model,
        provider: group.key.provider,
        calls: group.calls,
        errors: Object.values(group.errors).reduce((sum, count) => sum + count, 0),
        inputTokens: group.tokens.input,
        outputTokens: group.tokens.output,
        cost: moneyFromPicodollars(group.cost.total),
        p50LatencyMs: group.latencyMs.p50,
        p95LatencyMs: group.latencyMs.p95,
      })),
    });
  });
  app.post('/api/models/test', async (context) => {
    const parsed = v.safeParse(testBody, await readJsonBody(context));
    if (!parsed.success) {
      throw invalidField(
        'provider',
        'Send { "provider": "<name>" }, e.g. { "provider": "openai" }.',
      );
    }
    const { provider } = parsed.output;
    if (!options.client.providers.has(provider)) {
      throw invalidField(
        'provider',
        `The provider ${provider} is not configured; configured: ${[...options.client.providers.keys()].join(', ')}.`,
      );
    }
    const model = testModelOf(provider) ?? `${provider}/default`;
    const started = performance.now();
    try {
      const request = asCaller(context, {
        model,
        messages: [{ role: 'user' as const, content: 'Reply with the word ok.' }],
        maxOutputTokens: 8,
        signal: context.req.raw.signal,
      });
      await options.client.chat(request);
      return context.json({ provider, ok: true, model, latencyMs: performance.now() - started });
    } catch (error) {
      const reply = errorReply(error);
      return context.json({
        provider,
        ok: false,
        model,
        latencyMs: performance.now() - started,
        error: { code: reply.body.error.code, message: reply.body.error.message },
      });
    }
  });
}
