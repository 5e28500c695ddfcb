import { type Client, listModels, type ModelInfo } from '@stratum/core';
import type { Router } from '@stratum/router';
import type { Hono } from 'hono';
import type { ProviderMode } from '../gateway-options.js';

/** One model as `GET /api/models` lists it (the playground's contract). */
export interface ModelEntry {
  id: string;
  provider: string;
  name: string;
  contextWindow: number | undefined;
  maxOutputTokens: number | undefined;
  inputUsdPerMillion: number | undefined;
  outputUsdPerMillion: number | undefined;
  cachedInputUsdPerMillion?: number;
  capabilities: { tools: boolean; vision: boolean; structuredOutput: boolean; reasoning: boolean };
  configured: boolean;
}

function modelEntry(model: ModelInfo, client: Client): ModelEntry {
  const entry: ModelEntry = {
    id: model.id,
    provider: model.provider,
    name: model.name,
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    inputUsdPerMillion: model.pricing?.input,
    outputUsdPerMillion: model.pricing?.output,
    capabilities: {
      tools: model.capabilities.tools,
      vision: model.capabilities.vision,
      structuredOutput: model.capabilities.structuredOutput,
      reasoning: model.capabilities.reasoning,
    },
    configured: client.providers.has(model.provider),
  };
  if (model.pricing?.cacheRead !== undefined) {
    entry.cachedInputUsdPerMillion = model.pricing.cacheRead;
  }
  return entry;
}

/** `GET /api/models` and `GET /api/models/providers`; routes are listed when a router is given. */
export function addModelsApi(
  app: Hono,
  client: Client,
  router?: Router,
  modes: Record<string, ProviderMode> = {},
): void {
  app.get('/api/models', (context) =>
    context.json({
      models: listModels().map((model) => modelEntry(model, client)),
      routes: router?.routeSummaries ?? [],
    }),
  );
  app.get('/api/models/providers', (context) =>
    context.json({
      providers: [...client.providers.keys()].map((name) => ({
        name,
        configured: true,
        mode: modes[name] ?? 'live',
      })),
    }),
  );
}
