import { type Client, createClient } from '@stratum/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Simulator } from '../simulator/http-simulator.js';
import type { ContractSubject } from './contract-subject.js';
import type { RequestSummary } from './request-summary.js';

/** A fake key: the suite checks that it never shows up in an error message. */
export const CONTRACT_API_KEY = 'sk-contract-secret-0123456789abcdef';

export interface ContractHarness {
  readonly simulator: Simulator;
  readonly client: Client;
  /** The neutral summary of the n-th request the simulator received (last by default). */
  summary(index?: number): RequestSummary;
}

/** Starts the subject's simulator once per suite and gives each test a clean queue. */
export function useContractHarness(subject: ContractSubject): ContractHarness {
  let simulator: Simulator | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    simulator = await subject.startSimulator();
    client = createClient({
      providers: [subject.createProvider(simulator, { apiKey: CONTRACT_API_KEY })],
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });
  beforeEach(() => {
    simulator?.reset();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is not started: use the harness inside a test`);
    return value;
  };
  return {
    get simulator() {
      return ready(simulator, 'the simulator');
    },
    get client() {
      return ready(client, 'the client');
    },
    summary(index = -1) {
      const requests = ready(simulator, 'the simulator').requests;
      const request = requests.at(index);
      if (!request) throw new Error(`the simulator received ${requests.length} requests`);
      return subject.summarize(request.body);
    },
  };
}
