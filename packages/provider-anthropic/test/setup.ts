import { getModel, type ModelInfo, registerModel } from '@stratum/core';
import { type AnthropicSimulator, startAnthropicSimulator } from '@stratum/testing';
import { type SimulatorHarness, useSimulatorHarness } from '@stratum/testing/contract';
import { expect, vi } from 'vitest';
import { type AnthropicProviderSettings, createAnthropic } from '../src/index.js';

export const API_KEY = 'sk-ant-api03-test-key-never-shown-0123456789';
export const MODEL = 'anthropic/claude-sonnet-4-5';

/** Published prices of Claude Sonnet 4.5, US dollars per million tokens. */
export const SONNET_PRICES = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };

/**
 * Uses the catalog's Sonnet 4.5 entry when it has one (checking its prices), else registers it:
 * the catalog is being regenerated elsewhere.
 */
export function ensureSonnetPriced(): ModelInfo {
  const entry = getModel(MODEL);
  if (entry?.pricing) {
    expect(entry.pricing).toMatchObject(SONNET_PRICES);
    return entry;
  }
  return registerModel({
    id: MODEL,
    pricing: SONNET_PRICES,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: {
      tools: true,
      vision: true,
      jsonOutput: true,
      structuredOutput: true,
      reasoning: true,
      promptCaching: true,
      pdfInput: true,
    },
  });
}

/** A model whose catalog entry says it has no native structured output (JSON goes through a tool). */
export const TOOL_JSON_MODEL = 'anthropic/claude-test-tool-json';
/** A model without extended thinking, per its catalog entry. */
export const NO_THINKING_MODEL = 'anthropic/claude-test-no-thinking';

export type Harness = SimulatorHarness<AnthropicSimulator, AnthropicProviderSettings>;

/** Starts one simulator for the test file and a client on it; resets it before each test. */
export function useHarness(): Harness {
  return useSimulatorHarness({
    prepare() {
      ensureSonnetPriced();
      registerModel({
        id: TOOL_JSON_MODEL,
        pricing: SONNET_PRICES,
        maxOutputTokens: 8192,
        capabilities: { tools: true, structuredOutput: false, reasoning: true },
      });
      registerModel({
        id: NO_THINKING_MODEL,
        pricing: SONNET_PRICES,
        maxOutputTokens: 8192,
        capabilities: { tools: true, reasoning: false },
      });
      // The SDK warns on every call to a model it lists as deprecated (claude-sonnet-4-5).
      const warn = console.warn.bind(console);
      vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes('is deprecated')) return;
        warn(...args);
      });
    },
    start: startAnthropicSimulator,
    createProvider: (simulator, settings: AnthropicProviderSettings | undefined) =>
      createAnthropic({ apiKey: API_KEY, baseURL: simulator.baseURL, ...settings }),
  });
}

/** Reads every event of a stream and returns them with the final response. */
export async function collect<T extends { type: string }>(stream: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) events.push(event);
  return events;
}
