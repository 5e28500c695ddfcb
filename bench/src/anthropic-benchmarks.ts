import { createAnthropic as createVercelAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { type AnthropicSimulator, startAnthropicSimulator } from '@stratum/testing';
import { generateText, streamText } from 'ai';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  type VendorBenchmark,
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
  const stratumChat = stratum(chatSimulator);
  const vercelChat = vercel(chatSimulator);
  const rawStream = raw(streamSimulator);
  const stratumStream = stratum(streamSimulator);
  const vercelStream = vercel(streamSimulator);
  const request = { model: `anthropic/${MODEL}`, messages, maxOutputTokens: MAX_TOKENS };

  return {
    vendor: 'anthropic',
    chat: [
      {
        name: '@anthropic-ai/sdk',
        run: () => rawChat.messages.create({ model: MODEL, max_tokens: MAX_TOKENS, messages }),
      },
      { name: 'Stratum', run: () => stratumChat.chat(request) },
      {
        name: 'Vercel AI SDK',
        run: () => generateText({ model: vercelChat, prompt: PROMPT, maxRetries: 0 }),
      },
    ],
    stream: [
      {
        name: '@anthropic-ai/sdk',
        run: async () => {
          const stream = await rawStream.messages.create({
            model: MODEL,
            max_tokens: MAX_TOKENS,
            messages,
            stream: true,
          });
          let text = '';
          for await (const event of stream) {
            if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
              text += event.delta.text;
          }
          return text;
        },
      },
      {
        name: 'Stratum',
        run: async () => {
          let text = '';
          for await (const event of stratumStream.stream(request))
            if (event.type === 'text-delta') text += event.text;
          return text;
        },
      },
      {
        name: 'Vercel AI SDK',
        run: async () => {
          let text = '';
          for await (const delta of streamText({
            model: vercelStream,
            prompt: PROMPT,
            maxRetries: 0,
          }).textStream)
            text += delta;
          return text;
        },
      },
    ],
    async close() {
      await Promise.all([chatSimulator.close(), streamSimulator.close()]);
    },
  };
}
