import { type Client, createClient } from '@stratum/core';
import { type BedrockSimulator, startBedrockSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type BedrockProviderSettings, createBedrock } from '../src/index.js';

export const ACCESS_KEY_ID = 'AKIASIMULATOR0000001';
export const SECRET_ACCESS_KEY = 'simulator/secret+key/never-shown/0123456789abcd';
export const REGION = 'us-east-1';
/** Priced in the catalog at $0.80 / $4 per million tokens, cache reads $0.08, writes $1. */
export const MODEL = 'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0';

export const CREDENTIALS = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };

export interface Harness {
  simulator: BedrockSimulator;
  client: Client;
  clientWith(settings: BedrockProviderSettings): Client;
  body(index?: number): Record<string, unknown>;
}

/** One simulator for the test file and a client on it with explicit credentials. */
export function useHarness(): Harness {
  let simulator: BedrockSimulator | undefined;
  let client: Client | undefined;
  const running = (): BedrockSimulator => {
    if (!simulator) throw new Error('the simulator is used before beforeAll started it');
    return simulator;
  };
  const clientWith = (settings: BedrockProviderSettings): Client =>
    createClient({
      providers: [
        createBedrock({
          region: REGION,
          credentials: CREDENTIALS,
          endpoint: running().endpoint,
          ...settings,
        }),
      ],
    });
  beforeAll(async () => {
    simulator = await startBedrockSimulator({
      accessKeyId: ACCESS_KEY_ID,
      region: REGION,
      secretAccessKey: SECRET_ACCESS_KEY,
    });
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
