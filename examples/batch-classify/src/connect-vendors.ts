import type { Provider } from '@stratum/core';
import { anthropic, createAnthropic } from '@stratum/provider-anthropic';
import { createOpenAI, openai } from '@stratum/provider-openai';
import {
  type RecordedRequest,
  type SimulatedReply,
  type Simulator,
  startAnthropicSimulator,
  startOpenAISimulator,
} from '@stratum/testing';

export interface Vendors {
  providers: Provider[];
  description: string[];
  close(): Promise<void>;
}

// Offline, the simulator plays the model: a keyword match stands in for the classification.
// The words are ones the instructions never use, so only the ticket itself can match.
const OFFLINE_RULES: Array<[RegExp, string]> = [
  [/crash|error \d|fails|hangs|freezes/, 'bug'],
  [/charged|refund|invoice|receipt|pay /, 'billing'],
  [/would be great|add a|please support|let us/, 'feature-request'],
  [/email address|password|my account/, 'account'],
];

function offlineClassifier(request: RecordedRequest): SimulatedReply {
  const body = JSON.stringify(request.body).toLowerCase();
  const match = OFFLINE_RULES.find(([pattern]) => pattern.test(body));
  return { text: match?.[1] ?? 'other' };
}

const OFFLINE_KEY = 'offline-demo-key';

interface VendorSetup {
  name: string;
  keyVariable: string;
  real: Provider;
  simulate(): Promise<{ simulator: Simulator; provider: Provider }>;
}

const VENDORS: VendorSetup[] = [
  {
    name: 'openai',
    keyVariable: 'OPENAI_API_KEY',
    real: openai,
    async simulate() {
      const simulator = await startOpenAISimulator({ defaultReply: offlineClassifier });
      return {
        simulator,
        provider: createOpenAI({ apiKey: OFFLINE_KEY, baseURL: simulator.baseURL }),
      };
    },
  },
  {
    name: 'anthropic',
    keyVariable: 'ANTHROPIC_API_KEY',
    real: anthropic,
    async simulate() {
      const simulator = await startAnthropicSimulator({ defaultReply: offlineClassifier });
      const provider = createAnthropic({ apiKey: OFFLINE_KEY, baseURL: simulator.baseURL });
      return { simulator, provider };
    },
  },
];

/** OpenAI and Anthropic: the real API when its key is set, else a local simulator of it. */
export async function connectVendors(env: Record<string, string | undefined>): Promise<Vendors> {
  const providers: Provider[] = [];
  const description: string[] = [];
  const simulators: Simulator[] = [];
  for (const vendor of VENDORS) {
    if (env[vendor.keyVariable]) {
      providers.push(vendor.real);
      description.push(`${vendor.name}: the real API`);
      continue;
    }
    const { simulator, provider } = await vendor.simulate();
    simulators.push(simulator);
    providers.push(provider);
    description.push(`${vendor.name}: local simulator at ${simulator.origin}`);
  }
  return {
    providers,
    description,
    close: async () => {
      await Promise.all(simulators.map((simulator) => simulator.close()));
    },
  };
}
