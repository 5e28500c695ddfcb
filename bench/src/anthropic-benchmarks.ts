import { createAnthropic as createVercelAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import type { SimulatorAddresses } from './serve-simulators.js';
import {
  API_KEY,
  PROMPT,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
} from './vendor-benchmark.js';

const MODEL = 'claude-sonnet-4-6';
const MAX_TOKENS = 4096;

/** Anthropic Messages: the raw `@anthropic-ai/sdk`, Stratum and the Vercel AI SDK on one simulator. */
export function anthropicBenchmark(addresses: SimulatorAddresses): VendorBenchmark {
  const messages = [{ role: 'user' as const, content: PROMPT }];
  const raw = (baseURL: string) =>
    new Anthropic({ apiKey: API_KEY, baseURL: baseURL, maxRetries: 0 });
  const stratum = (baseURL: string) =>
    createClient({ providers: [createAnthropic({ apiKey: API_KEY, baseURL: baseURL })] });
  const vercel = (baseURL: string) =>
    createVercelAnthropic({ apiKey: API_KEY, baseURL: `${baseURL}/v1` })(MODEL);

  const rawChat = raw(addresses.chat);
  const rawStream = raw(addresses.stream);
  const ours = stratumCases(stratum(addresses.chat), stratum(addresses.stream), {
    model: `anthropic/${MODEL}`,
    messages,
    maxOutputTokens: MAX_TOKENS,
  });
  const peer = vercelCases(vercel(addresses.chat), vercel(addresses.stream));
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
  };
}
