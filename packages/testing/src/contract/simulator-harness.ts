import { type Client, createClient, type Provider } from '@stratum/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Simulator } from '../simulator/http-simulator.js';

export interface SimulatorHarness<RunningSimulator extends Simulator, Settings> {
  readonly simulator: RunningSimulator;
  readonly client: Client;
  /** A client with other provider settings, on the same simulator. */
  clientWith(settings: Settings): Client;
  /** The JSON body of the nth request the simulator received (default: the last). */
  body(index?: number): Record<string, unknown>;
}

export interface SimulatorHarnessOptions<RunningSimulator extends Simulator, Settings> {
  start(): Promise<RunningSimulator>;
  /** The provider on the running simulator; `settings` are a test's own (empty for `client`). */
  createProvider(simulator: RunningSimulator, settings: Settings | undefined): Provider;
  /** Runs before the simulator starts, once per test file (catalog entries, console filters). */
  prepare?(): void;
}

/**
 * One simulator for a provider's test file and a client on it; the simulator's queue and
 * request log are cleared before each test.
 */
export function useSimulatorHarness<RunningSimulator extends Simulator, Settings>(
  options: SimulatorHarnessOptions<RunningSimulator, Settings>,
): SimulatorHarness<RunningSimulator, Settings> {
  let simulator: RunningSimulator | undefined;
  let client: Client | undefined;
  const running = (): RunningSimulator => {
    if (!simulator) throw new Error('the simulator is used before beforeAll started it');
    return simulator;
  };
  const clientOn = (settings: Settings | undefined): Client =>
    createClient({ providers: [options.createProvider(running(), settings)] });
  beforeAll(async () => {
    options.prepare?.();
    simulator = await options.start();
    client = clientOn(undefined);
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
    clientWith: clientOn,
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
