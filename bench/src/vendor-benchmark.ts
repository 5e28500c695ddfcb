import type { SimulatedReply } from '@stratum/testing';
import type { BenchCase } from './compare-cases.js';

/** One vendor's cases: the raw SDK first (the baseline of every ratio), then Stratum, then peers. */
export interface VendorBenchmark {
  vendor: string;
  chat: BenchCase[];
  stream: BenchCase[];
  close(): Promise<void>;
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
