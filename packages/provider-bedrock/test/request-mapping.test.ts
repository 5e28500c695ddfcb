import { calculateCost, getModel } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { MODEL, useHarness } from './setup.js';

const harness = useHarness();
const hello = [{ role: 'user' as const, content: 'Hello' }];
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('Bedrock model ids', () => {
  it('calls a cross-region inference profile by its id and prices it as its model', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hi.', usage: { inputTokens: 1000, outputTokens: 100 } },
    });
    const response = await harness.client.chat({
      model: 'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: hello,
    });
    expect(harness.simulator.requests[0]?.url).toBe(
      '/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse',
    );
    // 1000 × $0.80 + 100 × $4 per million.
    expect(response.cost?.total).toBe(0.0012);
  });

  it('prices a geographic profile at its own regional price where the catalog has one', async () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0 };
    harness.simulator.enqueue(
      { kind: 'reply', reply: { text: 'a', usage } },
      { kind: 'reply', reply: { text: 'b', usage } },
    );
    const base = await harness.client.chat({
      model: 'bedrock/amazon.nova-lite-v1:0',
      messages: hello,
    });
    const europe = await harness.client.chat({
      model: 'bedrock/eu.amazon.nova-lite-v1:0',
      messages: hello,
    });
    expect(base.cost?.total).toBe(0.06);
    expect(europe.cost?.total).toBe(0.078);
  });

  it('calls an inference-profile ARN and prices it as the model it names', async () => {
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0';
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Hi.', usage: { inputTokens: 1000, outputTokens: 100 } },
    });
    const response = await harness.client.chat({ model: `bedrock/${arn}`, messages: hello });
    expect(harness.simulator.requests[0]?.url).toBe(`/model/${encodeURIComponent(arn)}/converse`);
    expect(response.cost?.total).toBe(0.0012);
  });
});

describe('Bedrock request mapping', () => {
  it('sends system, sampling, tools with a cache point, a named tool choice and JSON output', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const response = await harness.clientWith({ cacheSystemPrompt: true, cacheTools: true }).chat({
      model: MODEL,
      messages: [{ role: 'system', content: 'Be brief.' }, ...hello],
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 300,
      stop: ['END'],
      seed: 1,
      tools: [{ name: 'lookup', description: 'Look up', parameters: schema }],
      toolChoice: { type: 'tool', name: 'lookup' },
      responseFormat: { type: 'json-schema', name: 'place', schema },
    });
    expect(harness.body()).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
      inferenceConfig: { maxTokens: 300, temperature: 0.3, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          { toolSpec: { name: 'lookup', description: 'Look up', inputSchema: { json: schema } } },
          { cachePoint: { type: 'default' } },
        ],
        toolChoice: { tool: { name: 'lookup' } },
      },
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'place' } },
        },
      },
    });
    expect(response.warnings).toContainEqual(expect.objectContaining({ setting: 'seed' }));
  });

  it('sends images and documents as bytes, with a cache point after a marked part', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', data: PIXEL_PNG, mediaType: 'image/png' } },
            {
              type: 'file',
              mediaType: 'application/pdf',
              filename: 'report.v2.pdf',
              source: { type: 'base64', data: 'JVBERi0xLjQK', mediaType: 'application/pdf' },
              providerOptions: { bedrock: { cachePoint: true } },
            },
            { type: 'text', text: 'Summarize.' },
          ],
        },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { image: { format: 'png', source: { bytes: PIXEL_PNG } } },
          { document: { format: 'pdf', name: 'report v2', source: { bytes: 'JVBERi0xLjQK' } } },
          { cachePoint: { type: 'default' } },
          { text: 'Summarize.' },
        ],
      },
    ]);
  });

  it('counts cache reads and writes into inputTokens and prices each part', async () => {
    const usage = {
      inputTokens: 10_000,
      cacheReadTokens: 6_000,
      cacheWriteTokens: 3_000,
      outputTokens: 500,
    };
    harness.simulator.enqueue({ kind: 'reply', reply: { text: 'ok', usage } });
    const response = await harness.client.chat({ model: MODEL, messages: hello });
    expect(response.usage).toEqual({ ...usage, reasoningTokens: 0, totalTokens: 10_500 });
    const info = getModel(MODEL);
    expect(info && response.cost).toEqual(info && calculateCost(info, response.usage));
    // 1000 × $0.80 + 6000 × $0.08 + 3000 × $1 + 500 × $4, per million.
    expect(response.cost?.total).toBe(0.00628);
  });

  it('asks Claude for thinking and sends its signed reasoning back unchanged', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { reasoning: 'Two plus two.', reasoningSignature: 'sig-EqQBCkgIARABGAIiQ', text: '4' },
      chunkSize: 4,
    });
    const first = await harness.client
      .stream({
        model: MODEL,
        messages: [{ role: 'user', content: '2+2?' }],
        reasoning: { budgetTokens: 2048 },
      })
      .finalResponse();
    expect(harness.body()['additionalModelRequestFields']).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(harness.body()['inferenceConfig']).toEqual({ maxTokens: 2048 + 4096 });
    expect(first.content[0]).toEqual({
      type: 'reasoning',
      text: 'Two plus two.',
      signature: 'sig-EqQBCkgIARABGAIiQ',
    });
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: '2+2?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'And 3+3?' },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      { role: 'user', content: [{ text: '2+2?' }] },
      {
        role: 'assistant',
        content: [
          {
            reasoningContent: {
              reasoningText: { text: 'Two plus two.', signature: 'sig-EqQBCkgIARABGAIiQ' },
            },
          },
          { text: '4' },
        ],
      },
      { role: 'user', content: [{ text: 'And 3+3?' }] },
    ]);
  });

  it('sends a guardrail and reports its intervention as content-filter', async () => {
    harness.simulator.enqueue({
      kind: 'reply',
      reply: { text: 'Sorry, the model cannot answer.', finishReason: 'content-filter' },
    });
    const response = await harness.client.chat({
      model: MODEL,
      messages: hello,
      providerOptions: {
        bedrock: {
          guardrailConfig: {
            guardrailIdentifier: 'gr-123',
            guardrailVersion: '1',
            trace: 'enabled',
          },
        },
      },
    });
    expect(harness.body()['guardrailConfig']).toEqual({
      guardrailIdentifier: 'gr-123',
      guardrailVersion: '1',
      trace: 'enabled',
    });
    expect(response.finishReason).toBe('content-filter');
    expect(response.rawFinishReason).toBe('guardrail_intervened');
  });

  it('refuses an image URL with a fix, before any request', async () => {
    const error = await harness.client
      .chat({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error instanceof Error && error.message).toContain('Bedrock takes images as bytes');
    expect(harness.simulator.requests).toHaveLength(0);
  });

  it('merges a tool result into the user turn and marks failed tools', async () => {
    await harness.client.chat({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'tu_1', name: 'weather', arguments: { city: 'Oslo' } },
          ],
        },
        { role: 'tool', toolCallId: 'tu_1', content: 'station offline', isError: true },
        { role: 'user', content: 'Then guess.' },
      ],
    });
    expect(harness.body()['messages']).toEqual([
      { role: 'user', content: [{ text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'tu_1', name: 'weather', input: { city: 'Oslo' } } }],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 'tu_1',
              content: [{ text: 'station offline' }],
              status: 'error',
            },
          },
          { text: 'Then guess.' },
        ],
      },
    ]);
  });
});
