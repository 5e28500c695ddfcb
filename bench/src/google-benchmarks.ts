import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { GoogleGenAI } from '@google/genai';
import { createClient } from '@stratum/core';
import { createGoogle } from '@stratum/provider-google';
import { type GoogleSimulator, startGoogleSimulator } from '@stratum/testing';
import {
  API_KEY,
  LONG_REPLY,
  PROMPT,
  SHORT_REPLY,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
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
  const rawStream = raw(streamSimulator);
  const ours = stratumCases(stratum(chatSimulator), stratum(streamSimulator), {
    model: `google/${MODEL}`,
    messages: [{ role: 'user', content: PROMPT }],
  });
  const peer = vercelCases(vercel(chatSimulator), vercel(streamSimulator));
  return {
    vendor: 'google',
    chat: [
      {
        name: '@google/genai',
        run: () => rawChat.models.generateContent({ model: MODEL, contents }),
      },
      ours.chat,
      peer.chat,
    ],
    stream: [
      {
        name: '@google/genai',
        run: async () => {
          let text = '';
          for await (const chunk of await rawStream.models.generateContentStream({
            model: MODEL,
            contents,
          })) {
            text += chunk.text ?? '';
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
