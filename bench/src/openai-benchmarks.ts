import { createOpenAI as createVercelOpenAI } from '@ai-sdk/openai';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import OpenAI from 'openai';
import { middlewareStackCases } from './middleware-stack-cases.js';
import type { SimulatorAddresses } from './serve-simulators.js';
import {
  API_KEY,
  PROMPT,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
} from './vendor-benchmark.js';

const MODEL = 'gpt-4.1-mini';

/** OpenAI Chat Completions: the raw `openai` SDK, Stratum and the Vercel AI SDK on one simulator. */
export function openAIBenchmark(addresses: SimulatorAddresses): VendorBenchmark {
  const messages = [{ role: 'user' as const, content: PROMPT }];
  const raw = (baseURL: string) => new OpenAI({ apiKey: API_KEY, baseURL: baseURL, maxRetries: 0 });
  const stratum = (baseURL: string) =>
    createClient({ providers: [createOpenAI({ apiKey: API_KEY, baseURL: baseURL })] });
  const vercel = (baseURL: string) =>
    createVercelOpenAI({ apiKey: API_KEY, baseURL: baseURL }).chat(MODEL);

  const rawChat = raw(addresses.chat);
  const rawStream = raw(addresses.stream);
  const ours = stratumCases(stratum(addresses.chat), stratum(addresses.stream), {
    model: MODEL,
    messages,
  });
  const stacked = middlewareStackCases(
    createOpenAI({ apiKey: API_KEY, baseURL: addresses.chat }),
    createOpenAI({ apiKey: API_KEY, baseURL: addresses.stream }),
    { model: MODEL, messages },
  );
  const peer = vercelCases(vercel(addresses.chat), vercel(addresses.stream));
  return {
    vendor: 'openai',
    chat: [
      {
        name: 'openai SDK',
        run: () => rawChat.chat.completions.create({ model: MODEL, messages }),
      },
      ours.chat,
      stacked.chat,
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
      stacked.stream,
      peer.stream,
    ],
  };
}
