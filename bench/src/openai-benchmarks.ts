import { createOpenAI as createVercelOpenAI } from '@ai-sdk/openai';
import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';
import { type OpenAISimulator, startOpenAISimulator } from '@stratum/testing';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  type VendorBenchmark,
} from './vendor-benchmark.js';

const MODEL = 'gpt-4.1-mini';

/**
 * OpenAI Chat Completions: a 1-token reply, and a 1000-chunk stream, through the raw `openai`
 * SDK, Stratum, and the Vercel AI SDK, all against the same simulator.
 */
export async function openAIBenchmark(): Promise<VendorBenchmark> {
  const chatSimulator = await startOpenAISimulator({
    defaultReply: () => SHORT_REPLY,
  });
  const streamSimulator = await startOpenAISimulator({
    defaultReply: () => LONG_REPLY,
  });
  const messages = [{ role: 'user' as const, content: PROMPT }];

  const raw = (simulator: OpenAISimulator) =>
    new OpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL, maxRetries: 0 });
  const stratum = (simulator: OpenAISimulator) =>
    createClient({ providers: [createOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL })] });
  const vercel = (simulator: OpenAISimulator) =>
    createVercelOpenAI({ apiKey: API_KEY, baseURL: simulator.baseURL }).chat(MODEL);

  const rawChat = raw(chatSimulator);
  const stratumChat = stratum(chatSimulator);
  const vercelChat = vercel(chatSimulator);
  const rawStream = raw(streamSimulator);
  const stratumStream = stratum(streamSimulator);
  const vercelStream = vercel(streamSimulator);

  return {
    vendor: 'openai',
    chat: [
      {
        name: 'openai SDK',
        run: () => rawChat.chat.completions.create({ model: MODEL, messages }),
      },
      { name: 'Stratum', run: () => stratumChat.chat({ model: MODEL, messages }) },
      {
        name: 'Vercel AI SDK',
        run: () => generateText({ model: vercelChat, prompt: PROMPT, maxRetries: 0 }),
      },
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
      {
        name: 'Stratum',
        run: async () => {
          let text = '';
          for await (const event of stratumStream.stream({ model: MODEL, messages }))
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
