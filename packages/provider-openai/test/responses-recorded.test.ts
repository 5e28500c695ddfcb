import { readFileSync } from 'node:fs';
import { type ChatResponse, createClient, RateLimitError } from '@stratum/core';
import { type OpenAISimulator, startOpenAIResponsesSimulator } from '@stratum/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from '../src/index.js';
import { TEST_API_KEY } from './setup-simulator.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/responses/${name}`, import.meta.url), 'utf8');
}

/** The recorded tool loop holds four streams back to back; each starts at `response.created`. */
function streamsOf(name: string): string[][] {
  const streams: string[][] = [];
  for (const line of fixture(name).split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('{"type":"response.created"')) streams.push([]);
    streams.at(-1)?.push(line);
  }
  return streams;
}

/** Catalog prices in USD per million tokens → the exact total, through integer picodollars. */
function total(
  prices: { input: number; cacheRead: number; output: number },
  usage: ChatResponse['usage'],
) {
  const per = (price: number) => BigInt(Math.round(price * 1e6));
  const picodollars =
    BigInt(usage.inputTokens - usage.cacheReadTokens) * per(prices.input) +
    BigInt(usage.cacheReadTokens) * per(prices.cacheRead) +
    BigInt(usage.outputTokens) * per(prices.output);
  return Number(picodollars) / 1e12;
}

let simulator: OpenAISimulator;
const clients = () => {
  const settings = { apiKey: TEST_API_KEY, baseURL: simulator.baseURL };
  return {
    auto: createClient({ providers: [createOpenAI(settings)] }),
    responses: createClient({ providers: [createOpenAI({ ...settings, api: 'responses' })] }),
  };
};
beforeAll(async () => {
  simulator = await startOpenAIResponsesSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => simulator.reset());

describe('recorded Responses API answers (vercel/ai fixtures)', () => {
  it('reads a response with encrypted reasoning, its summary and exact reasoning usage', async () => {
    simulator.enqueue({
      kind: 'recorded',
      json: fixture('openai-reasoning-encrypted-content.1.json'),
    });
    const response = await clients().responses.chat({
      model: 'openai/gpt-5-mini',
      messages: [{ role: 'user', content: 'Compute (12 + 7) × 3 × 10.' }],
    });
    expect(simulator.requests[0]?.url).toBe('/v1/responses');
    expect(response.id).toBe('resp_0f35ed53160b395301693cc957829881909359e7f80cdd20b5');
    expect(response.model).toBe('gpt-5-mini-2025-08-07');
    expect(response.text).toBe('12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570');
    expect(response.reasoning).toMatch(/^\*\*Reporting final result\*\*\n\nThe tool returned 570/);
    expect(response.content[0]).toMatchObject({
      type: 'reasoning',
      providerOptions: {
        openai: {
          itemId: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
          encryptedContent: expect.stringMatching(/^gAAAAABpPMlcH0HHEv5_.*kCQ==$/),
        },
      },
    });
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 865,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 163,
      reasoningTokens: 128,
      totalTokens: 1028,
    });
    // gpt-5-mini: $0.25 in, $2 out per million; reasoning tokens bill as output.
    expect(response.cost?.total).toBe(
      total({ input: 0.25, cacheRead: 0.025, output: 2 }, response.usage),
    );
    expect(response.cost?.total).toBe(0.00054225);
  });

  it('replays the recorded tool loop stream by stream, reasoning and calls included', async () => {
    const streams = streamsOf('openai-reasoning-encrypted-content.1.chunks.txt');
    expect(streams).toHaveLength(4);
    const client = clients().auto;
    const expected = [
      { a: 12, b: 7, op: 'add' },
      { a: 19, b: 3, op: 'multiply' },
      { a: 57, b: 10, op: 'multiply' },
    ];
    const usages = [
      [134, 28],
      [221, 26],
      [260, 26],
      [299, 12],
    ];
    for (const [index, chunks] of streams.entries()) {
      simulator.enqueue({ kind: 'recorded', chunks });
      const stream = client.stream({
        model: 'openai/gpt-5.1-codex-max',
        messages: [{ role: 'user', content: 'Compute (12 + 7) × 3 × 10 with the calculator.' }],
      });
      const reasoningDeltas: string[] = [];
      for await (const event of stream)
        if (event.type === 'reasoning-delta') reasoningDeltas.push(event.text);
      const response = await stream.finalResponse();
      expect(simulator.requests[index]?.url).toBe('/v1/responses');
      expect(response.model).toBe('gpt-5.1-codex-max');
      const [input, output] = usages[index] ?? [];
      expect(response.usage).toMatchObject({
        inputTokens: input,
        outputTokens: output,
        reasoningTokens: 0,
      });
      expect(response.cost?.total).toBe(
        total({ input: 1.25, cacheRead: 0.125, output: 10 }, response.usage),
      );
      const call = expected[index];
      if (call) {
        expect(response.finishReason).toBe('tool-calls');
        expect(response.toolCalls).toEqual([
          expect.objectContaining({
            name: 'calculator',
            arguments: call,
            rawArguments: JSON.stringify(call),
          }),
        ]);
      } else {
        expect(response.finishReason).toBe('stop');
        expect(response.text).toBe('The final result is **570**.');
        expect(response.toolCalls).toEqual([]);
      }
      if (index === 0) {
        expect(reasoningDeltas.join('')).toBe(
          "**Calculating step-by-step using calculator**\n\nI'll compute 12 plus 7, then multiply the result by 3, and finally multiply that by 10, reporting the final product.",
        );
        expect(response.toolCalls[0]?.id).toBe('call_AB6AaRZ1FYZB2RwS6A5vbdqn');
        // The encrypted content of the finished item, not the one announced when it started.
        expect(response.content[0]).toMatchObject({
          type: 'reasoning',
          providerOptions: {
            openai: {
              itemId: 'rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9',
              encryptedContent: expect.stringMatching(/^gAAAAABpPDIVOKrsHNZ0/),
            },
          },
        });
      }
    }
  });

  it('sends the recorded encrypted reasoning back on the next turn, with store: false and no previous_response_id', async () => {
    const [first] = streamsOf('openai-reasoning-encrypted-content.1.chunks.txt');
    simulator.enqueue(
      { kind: 'recorded', chunks: first ?? [] },
      { kind: 'reply', reply: { text: 'Next step.' } },
    );
    const client = clients().auto;
    const question = {
      role: 'user' as const,
      content: 'Compute (12 + 7) × 3 × 10 with the calculator.',
    };
    const turn = await client
      .stream({ model: 'openai/gpt-5.1-codex-max', messages: [question] })
      .finalResponse();
    const call = turn.toolCalls[0];
    await client.chat({
      model: 'openai/gpt-5.1-codex-max',
      messages: [
        question,
        { role: 'assistant', content: turn.content },
        { role: 'tool', toolCallId: call?.id ?? '', content: '19' },
      ],
    });
    const body = simulator.lastRequestBody();
    expect(body['store']).toBe(false);
    expect(body['previous_response_id']).toBeUndefined();
    expect(body['include']).toEqual(['reasoning.encrypted_content']);
    const reasoning = turn.content[0];
    const encrypted = reasoning?.providerOptions?.['openai']?.['encryptedContent'];
    expect(typeof encrypted === 'string' && encrypted.startsWith('gAAAAABpPDIVOKrsHNZ0')).toBe(
      true,
    );
    expect(body['input']).toEqual([
      { role: 'user', content: question.content },
      {
        type: 'reasoning',
        id: 'rs_01830d662ab3856501693c321405c88190be3ab04d5782d5f9',
        summary: [
          { type: 'summary_text', text: reasoning?.type === 'reasoning' ? reasoning.text : '' },
        ],
        encrypted_content: encrypted,
      },
      {
        type: 'function_call',
        call_id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn',
        name: 'calculator',
        arguments: '{"a":12,"b":7,"op":"add"}',
      },
      { type: 'function_call_output', call_id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn', output: '19' },
    ]);
  });

  it('reads the recorded two-phase stream whole, with cached input tokens priced exactly', async () => {
    simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('openai-phase.1.chunks.txt').split('\n'),
    });
    const response = await clients()
      .auto.stream({
        model: 'gpt-5.3-codex',
        messages: [{ role: 'user', content: 'AI headlines today?' }],
      })
      .finalResponse();
    expect(simulator.requests[0]?.url).toBe('/v1/responses');
    expect(response.text).toMatch(
      /^Got it — I’ll quickly check reliable, up-to-date sources .* with links\.Here are a few \*\*AI headlines/s,
    );
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({
      inputTokens: 7112,
      cacheReadTokens: 3072,
      cacheWriteTokens: 0,
      outputTokens: 463,
      reasoningTokens: 64,
      totalTokens: 7575,
    });
    // 4040 × $1.75 + 3072 × $0.175 + 463 × $14, per million tokens.
    expect(response.cost?.total).toBe(0.0140896);
    expect(response.cost?.total).toBe(
      total({ input: 1.75, cacheRead: 0.175, output: 14 }, response.usage),
    );
  });

  it('fails the recorded insufficient_quota stream with a non-retryable RateLimitError', async () => {
    simulator.enqueue({
      kind: 'recorded',
      chunks: fixture('openai-error.1.chunks.txt').split('\n'),
    });
    const error = await clients()
      .responses.stream({
        model: 'openai/gpt-5-nano',
        messages: [{ role: 'user', content: 'Hello' }],
      })
      .finalResponse()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    if (!(error instanceof RateLimitError)) return;
    expect(error.retryable).toBe(false);
    expect(error.vendorCode).toBe('insufficient_quota');
    expect(error.message).toContain('You exceeded your current quota');
    expect(error.message).toContain('add credit');
    expect(error.message).not.toContain(TEST_API_KEY);
  });
});
