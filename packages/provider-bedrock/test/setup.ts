import { type BedrockSimulator, startBedrockSimulator } from '@stratum/testing';
import { type SimulatorHarness, useSimulatorHarness } from '@stratum/testing/contract';
import { type BedrockProviderSettings, createBedrock } from '../src/index.js';

export const ACCESS_KEY_ID = 'AKIASIMULATOR0000001';
export const SECRET_ACCESS_KEY = 'simulator/secret+key/never-shown/0123456789abcd';
export const REGION = 'us-east-1';
/** Priced in the catalog at $0.80 / $4 per million tokens, cache reads $0.08, writes $1. */
export const MODEL = 'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0';

export const CREDENTIALS = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };

export type Harness = SimulatorHarness<BedrockSimulator, BedrockProviderSettings>;

/** One simulator for the test file and a client on it with explicit credentials. */
export function useHarness(): Harness {
  return useSimulatorHarness({
    start: () =>
      startBedrockSimulator({
        accessKeyId: ACCESS_KEY_ID,
        region: REGION,
        secretAccessKey: SECRET_ACCESS_KEY,
      }),
    createProvider: (simulator, settings: BedrockProviderSettings | undefined) =>
      createBedrock({
        region: REGION,
        credentials: CREDENTIALS,
        endpoint: simulator.endpoint,
        ...settings,
      }),
  });
}
