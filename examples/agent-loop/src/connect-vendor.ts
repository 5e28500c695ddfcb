import type { Provider } from '@stratum/core';
import { createOpenAI, openai } from '@stratum/provider-openai';
import { type RecordedRequest, type SimulatedReply, startOpenAISimulator } from '@stratum/testing';
import { WEATHER } from './weather-tool.js';

export interface Vendor {
  provider: Provider;
  description: string;
  close(): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Offline, the simulator plays the model: it asks for the weather of each known city named in
 * the question, one step at a time, then answers from the tool results it was sent.
 */
export function offlineAgentModel(request: RecordedRequest): SimulatedReply {
  const body = request.body;
  const messages = isRecord(body) && Array.isArray(body['messages']) ? body['messages'] : [];
  const records = messages.filter(isRecord);
  const question = JSON.stringify(records.find((message) => message['role'] === 'user'));
  const results = records
    .filter((message) => message['role'] === 'tool')
    .map((message) => String(message['content']));
  const cities = Object.keys(WEATHER).filter((city) => question.includes(city));
  const next = cities[results.length];
  if (next !== undefined) {
    return { toolCalls: [{ name: 'get_weather', arguments: { city: next } }] };
  }
  return { text: `The weather tool says: ${results.join('; ')}` };
}

/** The real OpenAI API when OPENAI_API_KEY is set, else a local simulator of it. */
export async function connectVendor(env: Record<string, string | undefined>): Promise<Vendor> {
  if (env['OPENAI_API_KEY']) {
    return { provider: openai, description: 'openai: the real API', close: async () => {} };
  }
  const simulator = await startOpenAISimulator({ defaultReply: offlineAgentModel });
  return {
    provider: createOpenAI({ apiKey: 'offline-demo-key', baseURL: simulator.baseURL }),
    description: `openai: local simulator at ${simulator.origin}`,
    close: () => simulator.close(),
  };
}
