import { createAnthropic as createVercelAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { type AnthropicSimulator, startAnthropicSimulator } from '@stratum/testing';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
} from './vendor-benchmark.js';

const MODEL = 'claude-sonnet-4-6';
const MAX_TOKENS = 4096;

/** Anthropic Messages: the raw `@anthropic-ai/sdk`, Stratum and the Vercel AI SDK on one simulator. */
export async function anthropicBenchmark(): Promise<VendorBenchmark> {
  const chatSimulator = await startAnthropicSimulator({ defaultReply: () => SHORT_REPLY });
  const streamSimulator = await startAnthropicSimulator({ defaultReply: () => LONG_REPLY });
  const messages = [{ role: 'user' as const, content: PROMPT }];
  const raw = (simulator: AnthropicSimulator) =>
    new Anthropic({ apiKey: API_KEY, baseURL: simulator.baseURL, maxRetries: 0 });
  const stratum = (simulator: AnthropicSimulator) =>
    createClient({ providers: [createAnthropic({ apiKey: API_KEY, baseURL: simulator.baseURL })] });
  const vercel = (simulator: AnthropicSimulator) =>
    createVercelAnthropic({ apiKey: API_KEY, baseURL: `${simulator.baseURL}/v1` })(MODEL);

  const rawChat = raw(chatSimulator);
  const rawStream = raw(streamSimulator);
  const ours = stratumCases(stratum(chatSimulator), stratum(streamSimulator), {
    model: `anthropic/${MODEL}`,
    messages,
    maxOutputTokens: MAX_TOKENS,
  });
  const peer = vercelCases(vercel(chatSimulator), vercel(streamSimulator));
  return {
    vendor: 'anthropic',
    chat: [
      {
        name: '@anthropic-ai/sdk',
        run: () => rawChat.messages.create({ model: MODEL, max_tokens: MAX_TOKENS, messages }),
      },
      ours.chat,
      peer.chat,
    ],
    stream: [
      {
        name: '@anthropic-ai/sdk',
        run: async () => {
          const request = { model: MODEL, max_tokens: MAX_TOKENS, messages, stream: true } as const;
          let text = '';
          for await (const event of await rawStream.messages.create(request)) {
            if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
              text += event.delta.text;
            }
          }
          return text;
        },
      },
      ours.stream,
      peer.stream,
    ],
    async close() {
      await Promise.all([chatSimulator.close(), streamSimulator.close()]);
    },
  };
}
