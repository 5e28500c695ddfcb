import { type Client, createClient } from '@stratum/core';
import { type CohereSimulator, startCohereSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type CohereProviderSettings, createCohere } from '../src/index.js';

export const API_KEY = 'cohere-test-key-never-shown-0123456789';
/** Priced in the catalog at $2.50 / $10 per million tokens. */
export const MODEL = 'cohere/command-r-plus';

export interface Harness {
  simulator: CohereSimulator;
  client: Client;
  clientWith(settings: CohereProviderSettings): Client;
  /** The JSON body of the nth request the simulator received (default: the last). */
  body(index?: number): Record<string, unknown>;
}

/** One simulator for the test file and a client on it; the queue is cleared before each test. */
export function useHarness(): Harness {
  let simulator: CohereSimulator | undefined;
  let client: Client | undefined;
  const running = (): CohereSimulator => {
    if (!simulator) throw new Error('the simulator is used before beforeAll started it');
    return simulator;
  };
  const clientWith = (settings: CohereProviderSettings): Client =>
    createClient({
      providers: [createCohere({ apiKey: API_KEY, baseURL: running().baseURL, ...settings })],
    });
  beforeAll(async () => {
    simulator = await startCohereSimulator();
    client = clientWith({});
  });
  afterAll(async () => {
    await simulator?.close();
  });
  beforeEach(() => {
    simulator?.reset();
  });
  return {
    get simulator() {
      return running();
    },
    get client() {
      if (!client) throw new Error('the client is used before beforeAll created it');
      return client;
    },
    clientWith,
    body(index?: number) {
      const requests = running().requests;
      const body = (index === undefined ? requests.at(-1) : requests[index])?.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error(`no JSON request body at ${index ?? 'the end'}`);
      }
      return { ...body };
    },
  };
}
