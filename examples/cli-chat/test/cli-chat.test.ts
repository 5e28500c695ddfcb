import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { calculateCost, createUsage, RateLimitError, toPicodollars } from '@stratum/core';
import { createAnthropic } from '@stratum/provider-anthropic';
import { createGoogle } from '@stratum/provider-google';
import { createOpenAI } from '@stratum/provider-openai';
import {
  type AnthropicSimulator,
  type GoogleSimulator,
  type OpenAISimulator,
  startAnthropicSimulator,
  startGoogleSimulator,
  startOpenAISimulator,
} from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { costLine, formatDollars } from '../src/cost-line.js';
import { createFallbackChat } from '../src/fallback-chat.js';

let openaiSimulator: OpenAISimulator;
let anthropicSimulator: AnthropicSimulator;
let googleSimulator: GoogleSimulator;

beforeAll(async () => {
  [openaiSimulator, anthropicSimulator, googleSimulator] = await Promise.all([
    startOpenAISimulator(),
    startAnthropicSimulator(),
    startGoogleSimulator(),
  ]);
});
afterAll(async () => {
  await Promise.all([openaiSimulator.close(), anthropicSimulator.close(), googleSimulator.close()]);
});
beforeEach(() => {
  for (const simulator of [openaiSimulator, anthropicSimulator, googleSimulator]) {
    simulator.reset();
  }
});

const chatOnSimulators = () =>
  createFallbackChat([
    createOpenAI({ apiKey: 'sk-test', baseURL: openaiSimulator.baseURL }),
    createAnthropic({ apiKey: 'sk-ant-test', baseURL: anthropicSimulator.baseURL }),
    createGoogle({ apiKey: 'AIza-test', baseURL: googleSimulator.baseURL }),
  ]);

/** The catalog's price for this usage, as the chat prints it. */
const catalogPrice = (model: string, inputTokens: number, outputTokens: number): string => {
  const cost = calculateCost(model, createUsage({ inputTokens, outputTokens }));
  if (!cost) throw new Error(`${model} has no catalog price`);
  return formatDollars(toPicodollars(cost.total));
};

describe('the fallback chat', () => {
  it('answers from Anthropic when OpenAI is down, and prints the exact catalog cost', async () => {
    openaiSimulator.enqueue({ kind: 'error', status: 503 });
    anthropicSimulator.enqueue({
      kind: 'reply',
      reply: { text: 'Paris.', usage: { inputTokens: 1234, outputTokens: 56 } },
    });
    const response = await chatOnSimulators().ask('What is the capital of France?');

    expect(response.text).toBe('Paris.');
    expect(response.modelId).toBe('anthropic/claude-haiku-4-5');
    expect(openaiSimulator.requests).toHaveLength(1);
    expect(anthropicSimulator.requests).toHaveLength(1);
    expect(googleSimulator.requests).toHaveLength(0);
    // claude-haiku-4-5: $1/M input, $5/M output → 1234 × 1e-6 + 56 × 5e-6 = $0.001514.
    expect(catalogPrice('anthropic/claude-haiku-4-5', 1234, 56)).toBe('$0.001514');
    expect(costLine(response)).toBe(
      '[cost $0.001514 · anthropic/claude-haiku-4-5 · 1234 input + 56 output tokens · openai/gpt-4.1-mini failed: ProviderUnavailableError 503]',
    );
  });

  it('goes on to Gemini when Anthropic is overloaded too, keeping the conversation', async () => {
    const chat = chatOnSimulators();
    openaiSimulator.enqueue({ kind: 'reply', reply: { text: 'Paris.' } });
    expect((await chat.ask('Capital of France?')).modelId).toBe('openai/gpt-4.1-mini');

    openaiSimulator.enqueue({ kind: 'error', status: 503 });
    anthropicSimulator.enqueue({ kind: 'error', status: 529 });
    googleSimulator.enqueue({
      kind: 'reply',
      reply: { text: 'Madrid.', usage: { inputTokens: 40, outputTokens: 7 } },
    });
    const response = await chat.ask('And of Spain?');

    expect(response.text).toBe('Madrid.');
    expect(response.fallback?.answeredBy).toBe('google/gemini-2.5-flash');
    // The second question went out with the first exchange before it.
    expect(JSON.stringify(googleSimulator.lastRequestBody())).toContain('Capital of France?');
    // gemini-2.5-flash: $0.30/M input, $2.50/M output → 40 × 0.3e-6 + 7 × 2.5e-6 = $0.0000295.
    const price = catalogPrice('google/gemini-2.5-flash', 40, 7);
    expect(price).toBe('$0.0000295');
    expect(costLine(response)).toBe(
      `[cost ${price} · google/gemini-2.5-flash · 40 input + 7 output tokens · openai/gpt-4.1-mini failed: ProviderUnavailableError 503 · anthropic/claude-haiku-4-5 failed: ProviderUnavailableError 529]`,
    );
  });

  it('raises the last typed error when every vendor of the chain fails', async () => {
    openaiSimulator.enqueue({ kind: 'error', status: 503 });
    anthropicSimulator.enqueue({ kind: 'error', status: 529 });
    googleSimulator.enqueue({ kind: 'error', status: 429 });
    await expect(chatOnSimulators().ask('Anyone there?')).rejects.toBeInstanceOf(RateLimitError);
    expect(googleSimulator.requests).toHaveLength(1);
  });
});

describe('pnpm start, offline', () => {
  it('starts its own simulators with no keys and falls back past the OpenAI outage', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const env = { ...process.env };
    for (const name of [
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'GOOGLE_API_KEY',
      'GEMINI_API_KEY',
    ]) {
      delete env[name];
    }
    const output = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        ['--conditions=@stratum/source', '--import', 'tsx', main, '--outage', 'openai'],
        { env, cwd: fileURLToPath(new URL('..', import.meta.url)) },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error}\n${stderr}`)) : resolve(stdout),
      );
      child.stdin?.end('What is the capital of France?\nAnd of Spain?\n');
    });

    expect(output).toContain('openai: local simulator at http://127.0.0.1:');
    expect(output).toContain('(down: answers 503)');
    // The simulators echo the question: proof it reached Anthropic.
    expect(output).toContain('You said: What is the capital of France?');
    expect(output).toContain('You said: And of Spain?');
    const lines = [
      ...output.matchAll(
        /\[cost (\$[\d.]+) · (\S+) · (\d+) input \+ (\d+) output tokens · (.+)\]/g,
      ),
    ];
    expect(lines).toHaveLength(2);
    for (const [, price, model, input, outputTokens, failures] of lines) {
      expect(model).toBe('anthropic/claude-haiku-4-5');
      expect(failures).toBe('openai/gpt-4.1-mini failed: ProviderUnavailableError 503');
      expect(price).toBe(catalogPrice(String(model), Number(input), Number(outputTokens)));
    }
  });
});
