import { type Client, createClient, type Middleware } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createOpenAI } from '@stratum/provider-openai';
import {
  type AnthropicSimulator,
  type OpenAISimulator,
  startAnthropicSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface TwoVendors {
  openai: OpenAISimulator;
  anthropic: AnthropicSimulator;
  /** A client on both simulators, through the real SDK providers. */
  client(middleware: Middleware[]): Client;
}

/**
 * An OpenAI and an Anthropic simulator on 127.0.0.1 for the file's tests, reset before each:
 * fallbacks cross vendors over real HTTP, and each simulator counts what reached "its vendor".
 */
export function twoVendors(): TwoVendors {
  const vendors: Partial<Omit<TwoVendors, 'client'>> = {};
  beforeAll(async () => {
    vendors.openai = await startOpenAISimulator();
    vendors.anthropic = await startAnthropicSimulator();
  });
  afterAll(async () => {
    await vendors.openai?.close();
    await vendors.anthropic?.close();
  });
  beforeEach(() => {
    vendors.openai?.reset();
    vendors.anthropic?.reset();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the simulators start in beforeAll');
    return value;
  };
  return {
    get openai() {
      return started(vendors.openai);
    },
    get anthropic() {
      return started(vendors.anthropic);
    },
    client(middleware) {
      return createClient({
        providers: [
          createOpenAI({
            apiKey: 'sk-test-FallbackKey0000000000000000',
            baseURL: this.openai.baseURL,
          }),
          createAnthropic({
            apiKey: 'sk-ant-test-FallbackKey000000000000',
            baseURL: this.anthropic.baseURL,
          }),
        ],
        middleware,
      });
    },
  };
}

export const reply = (text: string) => ({
  kind: 'reply' as const,
  reply: { text, usage: { inputTokens: 12, outputTokens: 6 } },
});
