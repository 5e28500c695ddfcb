import type { ChatRequest, Client } from '@stratum/core';
import type { SimulatedReply } from '@stratum/testing';
import { generateText, type LanguageModel, streamText } from 'ai';
import type { BenchCase } from './compare-cases.js';

/** One vendor's cases: the raw SDK first (the baseline of every ratio), then Stratum, then peers. */
export interface VendorBenchmark {
  vendor: string;
  chat: BenchCase[];
  stream: BenchCase[];
}

/** A 1-token reply. */
export const SHORT_REPLY: SimulatedReply = {
  text: 'Hi',
  usage: { inputTokens: 9, outputTokens: 1 },
};

/** 1000 words: the simulators stream one word per chunk, so a 1000-chunk stream. */
export const LONG_REPLY: SimulatedReply = {
  text: 'word '.repeat(1000),
  usage: { inputTokens: 9, outputTokens: 1000 },
};

export const API_KEY = 'bench-key';
export const PROMPT = 'Say hi';

/** Stratum's chat and stream cases: the same code for every vendor, only the client differs. */
export function stratumCases(
  chatClient: Client,
  streamClient: Client,
  request: ChatRequest,
): { chat: BenchCase; stream: BenchCase } {
  return {
    chat: { name: 'Stratum', run: () => chatClient.chat(request) },
    stream: {
      name: 'Stratum',
      run: async () => {
        let text = '';
        for await (const event of streamClient.stream(request)) {
          if (event.type === 'text-delta') text += event.text;
        }
        return text;
      },
    },
  };
}

/** The Vercel AI SDK's chat and stream cases over its provider model for the same vendor. */
export function vercelCases(
  chatModel: LanguageModel,
  streamModel: LanguageModel,
): { chat: BenchCase; stream: BenchCase } {
  return {
    chat: {
      name: 'Vercel AI SDK',
      run: () => generateText({ model: chatModel, prompt: PROMPT, maxRetries: 0 }),
    },
    stream: {
      name: 'Vercel AI SDK',
      run: async () => {
        let text = '';
        for await (const delta of streamText({ model: streamModel, prompt: PROMPT, maxRetries: 0 })
          .textStream) {
          text += delta;
        }
        return text;
      },
    },
  };
}
