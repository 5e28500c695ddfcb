import type { Provider } from '@stratum/core';
import { anthropic, createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle, google } from '@stratum/provider-google';
import { createOpenAI, openai } from '@stratum/provider-openai';
import {
  createAnthropicHandler,
  createGoogleHandler,
  createOpenAIHandler,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '@stratum/testing';

export const VENDOR_NAMES = ['openai', 'anthropic', 'google'] as const;
export type Vendor = (typeof VENDOR_NAMES)[number];

interface VendorSetup {
  /** Any of these set in the environment means the vendor's real API. */
  keyVariables: string[];
  /** The provider that reads its key from the environment at the first call. */
  real: Provider;
  /** How the local simulator of this vendor answers. */
  handler: () => VendorHandler;
  /** The provider pointed at a running simulator. */
  offline: (origin: string) => Provider;
}

// The simulators accept any key; this one only satisfies the SDKs.
const OFFLINE_KEY = 'offline-demo-key';

const VENDORS: Record<Vendor, VendorSetup> = {
  openai: {
    keyVariables: ['OPENAI_API_KEY'],
    real: openai,
    handler: createOpenAIHandler,
    offline: (origin) => createOpenAI({ apiKey: OFFLINE_KEY, baseURL: `${origin}/v1` }),
  },
  anthropic: {
    keyVariables: ['ANTHROPIC_API_KEY'],
    real: anthropic,
    handler: createAnthropicHandler,
    offline: (origin) => createAnthropic({ apiKey: OFFLINE_KEY, baseURL: origin }),
  },
  google: {
    keyVariables: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
    real: google,
    handler: createGoogleHandler,
    offline: (origin) => createGoogle({ apiKey: OFFLINE_KEY, baseURL: origin }),
  },
};

export interface ConnectOptions {
  env: Record<string, string | undefined>;
  /** Vendors whose simulator answers every request with a 503, to watch the fallback work. */
  outage?: readonly Vendor[];
}

export interface Vendors {
  providers: Provider[];
  /** One line per vendor: the real API, or the local simulator. */
  description: string[];
  close(): Promise<void>;
}

/**
 * Each vendor with a key in the environment is used for real; each without one is replaced by
 * a local simulator of its API, so the chat runs offline with no key at all.
 */
export async function connectVendors(options: ConnectOptions): Promise<Vendors> {
  const providers: Provider[] = [];
  const description: string[] = [];
  const simulators: Simulator[] = [];
  for (const vendor of VENDOR_NAMES) {
    const setup = VENDORS[vendor];
    if (setup.keyVariables.some((name) => options.env[name])) {
      providers.push(setup.real);
      description.push(`${vendor}: the real API`);
      continue;
    }
    const down = options.outage?.includes(vendor) ?? false;
    const handler = setup.handler();
    const simulator = await startHttpSimulator(
      down ? { ...handler, defaultStep: () => ({ kind: 'error', status: 503 }) } : handler,
    );
    simulators.push(simulator);
    providers.push(setup.offline(simulator.origin));
    description.push(
      `${vendor}: local simulator at ${simulator.origin}${down ? ' (down: answers 503)' : ''}`,
    );
  }
  return {
    providers,
    description,
    close: async () => {
      await Promise.all(simulators.map((simulator) => simulator.close()));
    },
  };
}
