import { type CohereSimulator, startCohereSimulator } from '@stratum/testing';
import { type SimulatorHarness, useSimulatorHarness } from '@stratum/testing/contract';
import { type CohereProviderSettings, createCohere } from '../src/index.js';

export const API_KEY = 'cohere-test-key-never-shown-0123456789';
/** Priced in the catalog at $2.50 / $10 per million tokens. */
export const MODEL = 'cohere/command-r-plus';

export type Harness = SimulatorHarness<CohereSimulator, CohereProviderSettings>;

/** One simulator for the test file and a client on it; the queue is cleared before each test. */
export function useHarness(): Harness {
  return useSimulatorHarness({
    start: startCohereSimulator,
    createProvider: (simulator, settings: CohereProviderSettings | undefined) =>
      createCohere({ apiKey: API_KEY, baseURL: simulator.baseURL, ...settings }),
  });
}
