import { registerModel } from '@stratum/core';
import type { HealthEntry, HealthSnapshot } from '../../src/index.js';

/** Test models of a fictional vendor, so no test depends on catalog prices that change. */
export function registerTestModels(): void {
  registerModel({
    id: 'acme/tiny',
    pricing: { input: 0.1, output: 0.4 },
    capabilities: {},
    contextWindow: 16_000,
    maxOutputTokens: 2_000,
  });
  registerModel({
    id: 'acme/mid',
    pricing: { input: 1, output: 4 },
    capabilities: { tools: true, jsonOutput: true },
    contextWindow: 128_000,
    maxOutputTokens: 8_000,
  });
  registerModel({
    id: 'acme/large',
    pricing: { input: 5, output: 20 },
    capabilities: {
      tools: true,
      vision: true,
      jsonOutput: true,
      structuredOutput: true,
      reasoning: true,
    },
    contextWindow: 1_000_000,
    maxOutputTokens: 32_000,
  });
}

export const QUALITY = { 'acme/tiny': 1200, 'acme/mid': 1300, 'acme/large': 1400 };

export function healthEntry(overrides: Partial<HealthEntry> = {}): HealthEntry {
  return {
    calls: 100,
    successes: 100,
    failures: 0,
    successRate: 1,
    errorsByClass: {},
    latencyMs: undefined,
    timeToFirstTokenMs: undefined,
    outputTokensPerSecond: undefined,
    inFlight: 0,
    breakerState: 'closed',
    lastError: undefined,
    ...overrides,
  };
}

export function snapshot(
  models: Record<string, Partial<HealthEntry>>,
  providers: Record<string, Partial<HealthEntry>> = {},
): HealthSnapshot {
  const toEntries = (source: Record<string, Partial<HealthEntry>>) =>
    Object.fromEntries(Object.entries(source).map(([id, entry]) => [id, healthEntry(entry)]));
  return {
    takenAt: Date.now(),
    windowMs: 60_000,
    providers: toEntries(providers),
    models: toEntries(models),
  };
}

export function userRequest(text: string, model = 'auto') {
  return { model, messages: [{ role: 'user' as const, content: text }] };
}

/** A seeded generator (an LCG), so distributions over many decisions are reproducible. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}
