import { type Client, createClient, type Provider } from '@stratum/core';
import {
  type OpenAISimulator,
  type OpenAISimulatorOptions,
  startOpenAISimulator,
} from '@stratum/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createOpenAI, type OpenAIProviderSettings } from '../src/index.js';

export const TEST_API_KEY = 'sk-test-4f9a1c2e8b7d6a5f3e2d1c0b';

export interface SimulatorSetup {
  readonly simulator: OpenAISimulator;
  readonly provider: Provider;
  readonly client: Client;
}

/**
 * Starts one OpenAI simulator for a test file, with an `openai` provider (the real SDK) and a
 * client pointed at it; clears the simulator's queue and requests before each test.
 */
export function useOpenAISimulator(
  options: OpenAISimulatorOptions = {},
  settings: OpenAIProviderSettings = {},
): SimulatorSetup {
  let state: SimulatorSetup | undefined;
  beforeAll(async () => {
    const simulator = await startOpenAISimulator(options);
    const provider = createOpenAI({
      apiKey: TEST_API_KEY,
      baseURL: simulator.baseURL,
      ...settings,
    });
    state = { simulator, provider, client: createClient({ providers: [provider] }) };
  });
  beforeEach(() => state?.simulator.reset());
  afterAll(async () => {
    await state?.simulator.close();
  });
  const current = (): SimulatorSetup => {
    if (!state) throw new Error('the simulator starts in beforeAll');
    return state;
  };
  return {
    get simulator() {
      return current().simulator;
    },
    get provider() {
      return current().provider;
    },
    get client() {
      return current().client;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON body of a request the simulator received (default: the last one). */
export function requestBody(simulator: OpenAISimulator, index = -1): Record<string, unknown> {
  const body = simulator.requests.at(index)?.body;
  if (!isRecord(body)) throw new Error(`request ${index} has no JSON body`);
  return body;
}

/** Reads a fixture file of this package. */
export async function readFixture(name: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
