import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { GoogleGenAI } from '@google/genai';
import { createClient } from '@stratum/core';
import { createGoogle } from '@stratum/provider-google';
import { type GoogleSimulator, startGoogleSimulator } from '@stratum/testing';
import { generateText, streamText } from 'ai';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  type VendorBenchmark,
} from './vendor-benchmark.js';

const MODEL = 'gemini-2.5-flash';

/** Gemini generateContent: the raw `@google/genai`, Stratum and the Vercel AI SDK on one simulator. */
export async function googleBenchmark(): Promise<VendorBenchmark> {
  const chatSimulator = await startGoogleSimulator({ defaultReply: () => SHORT_REPLY });
  const streamSimulator = await startGoogleSimulator({ defaultReply: () => LONG_REPLY });
  const contents = [{ role: 'user', parts: [{ text: PROMPT }] }];

  const raw = (simulator: GoogleSimulator) =>
    new GoogleGenAI({
      apiKey: API_KEY,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: simulator.baseURL },
    });
  const stratum = (simulator: GoogleSimulator) =>
    createClient({ providers: [createGoogle({ apiKey: API_KEY, baseURL: simulator.baseURL })] });
  const vercel = (simulator: GoogleSimulator) =>
    createGoogleGenerativeAI({ apiKey: API_KEY, baseURL: `${simulator.baseURL}/v1beta` })(MODEL);

  const rawChat = raw(chatSimulator);
  const stratumChat = stratum(chatSimulator);
  const vercelChat = vercel(chatSimulator);
  const rawStream = raw(streamSimulator);
  const stratumStream = stratum(streamSimulator);
  const vercelStream = vercel(streamSimulator);
  const request = {
    model: `google/${MODEL}`,
    messages: [{ role: 'user' as const, content: PROMPT }],
  };

  return {
    vendor: 'google',
    chat: [
      {
        name: '@google/genai',
        run: () => rawChat.models.generateContent({ model: MODEL, contents }),
      },
      { name: 'Stratum', run: () => stratumChat.chat(request) },
      {
        name: 'Vercel AI SDK',
        run: () => generateText({ model: vercelChat, prompt: PROMPT, maxRetries: 0 }),
      },
    ],
    stream: [
      {
        name: '@google/genai',
        run: async () => {
          let text = '';
          for await (const chunk of await rawStream.models.generateContentStream({
            model: MODEL,
            contents,
          }))
            text += chunk.text ?? '';
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
