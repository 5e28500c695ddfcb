import { createOpenAI as createVercelOpenAI } from '@ai-sdk/openai';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import OpenAI from 'openai';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
} from './vendor-benchmark.js';

const MODEL = 'gpt-4.1-mini';

/** OpenAI Chat Completions: the raw `openai` SDK, Stratum and the Vercel AI SDK on one simulator. */
export async function openAIBenchmark(): Promise<VendorBenchmark> {
  const chatSimulator = await startOpenAISimulator({ defaultReply: () => SHORT_REPLY });
  const streamSimulator = await startOpenAISimulator({ defaultReply: () => LONG_REPLY });
  const messages = [{ role: 'user' as const, content: PROMPT }];
  const raw = (simulator: OpenAISimulator) =>
    new OpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL, maxRetries: 0 });
  const stratum = (simulator: OpenAISimulator) =>
    createClient({ providers: [createOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL })] });
  const vercel = (simulator: OpenAISimulator) =>
    createVercelOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL }).chat(MODEL);

  const rawChat = raw(chatSimulator);
  const rawStream = raw(streamSimulator);
  const ours = stratumCases(stratum(chatSimulator), stratum(streamSimulator), {
    model: MODEL,
    messages,
  });
  const peer = vercelCases(vercel(chatSimulator), vercel(streamSimulator));
  return {
    vendor: 'openai',
    chat: [
      {
        name: 'openai SDK',
        run: () => rawChat.chat.completions.create({ model: MODEL, messages }),
      },
      ours.chat,
      peer.chat,
    ],
    stream: [
      {
        name: 'openai SDK',
        run: async () => {
          const stream = await rawStream.chat.completions.create({
            model: MODEL,
            messages,
            stream: true,
            stream_options: { include_usage: true },
          });
          let text = '';
          for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
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
