import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { GoogleGenAI } from '@google/genai';
import { createClient } from '@stratum/core';
import { createGoogle } from '@stratum/provider-google';
import type { SimulatorAddresses } from './serve-simulators.js';
import {
  API_KEY,
  PROMPT,
  stratumCases,
  type VendorBenchmark,
  vercelCases,
} from './vendor-benchmark.js';

const MODEL = 'gemini-2.5-flash';

/** Gemini generateContent: the raw `@google/genai`, Stratum and the Vercel AI SDK on one simulator. */
export function googleBenchmark(addresses: SimulatorAddresses): VendorBenchmark {
  const contents = [{ role: 'user', parts: [{ text: PROMPT }] }];
  const raw = (baseURL: string) =>
    new GoogleGenAI({
      apiKey: API_KEY,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: baseURL },
    });
  const stratum = (baseURL: string) =>
    createClient({ providers: [createGoogle({ apiKey: API_KEY, baseURL: baseURL })] });
  const vercel = (baseURL: string) =>
    createGoogleGenerativeAI({ apiKey: API_KEY, baseURL: `${baseURL}/v1beta` })(MODEL);

  const rawChat = raw(addresses.chat);
  const rawStream = raw(addresses.stream);
  const ours = stratumCases(stratum(addresses.chat), stratum(addresses.stream), {
    model: `google/${MODEL}`,
    messages: [{ role: 'user', content: PROMPT }],
  });
  const peer = vercelCases(vercel(addresses.chat), vercel(addresses.stream));
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
  };
}
