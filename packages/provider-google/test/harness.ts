import { readFileSync } from 'node:fs';
import {
  type Client,
  createClient,
  getModel,
  type ModelPricing,
  registerModel,
  StratumError,
} from '@stratum/core';
import { type GoogleSimulator, startGoogleSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGoogle, type GoogleProviderSettings } from '../src/index.js';

/** A fake key: tests check it never reaches a URL or an error message. */
export const API_KEY = 'AIzaSy-test-secret-0123456789abcdefXYZ';

export interface Harness {
  readonly simulator: GoogleSimulator;
  readonly client: Client;
  /** The JSON body of the n-th request (last by default). */
  body(index?: number): Record<string, unknown>;
}

/** One simulator per test file, a clean queue per test, the provider through the real SDK. */
export function useGoogle(settings: Omit<GoogleProviderSettings, 'baseURL'> = {}): Harness {
  let simulator: GoogleSimulator | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    simulator = await startGoogleSimulator({ apiKey: API_KEY });
    client = createClient({
      providers: [createGoogle({ apiKey: API_KEY, ...settings, baseURL: simulator.baseURL })],
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });
  beforeEach(() => {
    simulator?.reset();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('use the harness inside a test');
    return value;
  };
  return {
    get simulator() {
      return started(simulator);
    },
    get client() {
      return started(client);
    },
    body(index = -1) {
      const request = started(simulator).requests.at(index);
      if (!request) throw new Error('no request was received');
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error('the request body is not a JSON object');
      }
      return { ...body };
    },
  };
}

/**
 * Makes sure a model has the given prices: from the catalog when it lists them (asserted equal,
 * so the hand-computed costs in the tests stay right), registered explicitly otherwise.
 */
export function ensurePricing(id: string, pricing: ModelPricing): void {
  const current = getModel(id)?.pricing;
  if (!current) {
    registerModel({ id, pricing, capabilities: { tools: true, reasoning: true, vision: true } });
    return;
  }
  for (const [field, value] of Object.entries(pricing)) {
    const actual: unknown = Object.entries(current).find(([key]) => key === field)?.[1];
    if (JSON.stringify(actual) !== JSON.stringify(value)) {
      throw new Error(
        `${id} is priced ${field}=${JSON.stringify(actual)} in the catalog; the tests assume ${JSON.stringify(value)}. Update the test arithmetic.`,
      );
    }
  }
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function fixtureChunks(name: string): string[] {
  return fixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Runs a promise that must fail and returns its Stratum error. */
export async function failure(promise: Promise<unknown>): Promise<StratumError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!StratumError.is(error)) throw new Error(`expected a StratumError, got ${String(error)}`);
  return error;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
