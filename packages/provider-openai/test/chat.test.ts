import { InvalidRequestError, registerModel } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { createOpenAI } from '../src/index.js';
import { requestBody, TEST_API_KEY, useOpenAISimulator } from './setup-simulator.js';

const setup = useOpenAISimulator();

describe('openai chat (non-streamed)', () => {
  it('returns the text, finish reason, id and model, and sends the key as a bearer token', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: {
        text: 'Paris is the capital of France.',
        model: 'gpt-4.1-mini-2025-04-14',
        usage: { inputTokens: 14, outputTokens: 8 },
      },
    });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
    });
    expect(response.text).toBe('Paris is the capital of France.');
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('stop');
    expect(response.model).toBe('gpt-4.1-mini-2025-04-14');
    expect(response.modelId).toBe('openai/gpt-4.1-mini');
    expect(response.id).toMatch(/^chatcmpl-/);
    expect(response.warnings).toEqual([]);
    expect(response.usage).toEqual({
      inputTokens: 14,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 8,
      reasoningTokens: 0,
      totalTokens: 22,
    });
    const request = setup.simulator.requests[0];
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBe(`Bearer ${TEST_API_KEY}`);
    expect(requestBody(setup.simulator)).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
    });
  });

  it('maps sampling settings, stop, seed, max tokens and providerOptions.openai into the body', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Say ok' }],
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 64,
      stop: ['END'],
      seed: 42,
      providerOptions: { openai: { service_tier: 'flex', user: 'user-123' } },
    });
    expect(response.warnings).toEqual([]);
    const body = requestBody(setup.simulator);
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      max_completion_tokens: 64,
      stop: ['END'],
      seed: 42,
      service_tier: 'flex',
      user: 'user-123',
    });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('stream');
  });

  it('sends a JSON schema response format and returns the JSON text', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer' } },
      required: ['city', 'population'],
      additionalProperties: false,
    };
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { text: '{"city":"Paris","population":2102650}' },
    });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Largest city of France?' }],
      responseFormat: { type: 'json-schema', name: 'city', schema, strict: true },
    });
    expect(JSON.parse(response.text)).toEqual({ city: 'Paris', population: 2102650 });
    expect(requestBody(setup.simulator)['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { name: 'city', schema, strict: true },
    });
  });

  it('sends JSON mode as json_object', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: '{"ok":true}' } });
    await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Reply in JSON' }],
      responseFormat: { type: 'json' },
    });
    expect(requestBody(setup.simulator)['response_format']).toEqual({ type: 'json_object' });
  });

  it('sends images by URL and as base64 data URLs, and PDFs as file data', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'A cat and a report.' } });
    await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these.' },
            {
              type: 'image',
              source: { type: 'url', url: 'https://example.com/cat.png' },
              detail: 'low',
            },
            {
              type: 'image',
              source: { type: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
            {
              type: 'file',
              source: { type: 'base64', data: 'JVBERi0xLjQ=', mediaType: 'application/pdf' },
              mediaType: 'application/pdf',
              filename: 'report.pdf',
            },
          ],
        },
      ],
    });
    expect(requestBody(setup.simulator)['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe these.' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          {
            type: 'file',
            file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' },
          },
        ],
      },
    ]);
  });

  it('rejects a file given by URL with an InvalidRequestError before sending anything', async () => {
    const failure = setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              source: { type: 'url', url: 'https://example.com/report.pdf' },
              mediaType: 'application/pdf',
            },
          ],
        },
      ],
    });
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(failure).rejects.toThrow(/base64/);
    expect(setup.simulator.requests).toHaveLength(0);
  });

  it('drops temperature and topP for reasoning models with warnings, and sends reasoning_effort', async () => {
    registerModel({ id: 'openai/o4-mini', pricing: { input: 1.1, output: 4.4, cacheRead: 0.275 } });
    setup.simulator.enqueue({ kind: 'reply', reply: { text: '42' } });
    const response = await setup.client.chat({
      model: 'openai/o4-mini',
      messages: [{ role: 'user', content: 'Answer to everything?' }],
      temperature: 0.2,
      topP: 0.5,
      maxOutputTokens: 2000,
      reasoning: { effort: 'high' },
    });
    const body = requestBody(setup.simulator);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('max_tokens');
    expect(body['max_completion_tokens']).toBe(2000);
    expect(body['reasoning_effort']).toBe('high');
    expect(response.warnings.map((warning) => warning.setting)).toEqual(['temperature', 'topP']);
    expect(response.warnings[0]?.type).toBe('unsupported-setting');
  });

  it('warns instead of sending reasoning settings to a model that does not reason', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'ok' } });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      reasoning: { effort: 'low' },
    });
    expect(requestBody(setup.simulator)).not.toHaveProperty('reasoning_effort');
    expect(response.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });

  it('keeps the raw body with includeRaw', async () => {
    setup.simulator.enqueue({ kind: 'reply', reply: { text: 'raw please' } });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      includeRaw: true,
    });
    expect(response.raw).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { content: 'raw please' } }],
    });
  });

  it('shows a refusal as text and marks it content-filter, keeping the raw finish reason', async () => {
    setup.simulator.enqueue({
      kind: 'reply',
      reply: { refusal: "I'm sorry, I can't help with that." },
    });
    const response = await setup.client.chat({
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user', content: 'something harmful' }],
    });
    expect(response.text).toBe("I'm sorry, I can't help with that.");
    expect(response.finishReason).toBe('content-filter');
    expect(response.rawFinishReason).toBe('stop');
  });

  it('maps length and content_filter finish reasons', async () => {
    setup.simulator.enqueue(
      { kind: 'reply', reply: { text: 'cut', finishReason: 'length' } },
      { kind: 'reply', reply: { text: '', finishReason: 'content-filter' } },
    );
    const request = {
      model: 'openai/gpt-4.1-mini',
      messages: [{ role: 'user' as const, content: 'x' }],
    };
    const first = await setup.client.chat(request);
    const second = await setup.client.chat(request);
    expect([first.finishReason, first.rawFinishReason]).toEqual(['length', 'length']);
    expect([second.finishReason, second.rawFinishReason]).toEqual([
      'content-filter',
      'content_filter',
    ]);
  });

  it('sends the organization, project and custom headers', async () => {
    const provider = createOpenAI({
      apiKey: TEST_API_KEY,
      baseURL: setup.simulator.baseURL,
      organization: 'org-123',
      project: 'proj_456',
      headers: { 'x-team': 'search' },
    });
    await provider.chat({
      model: 'gpt-4.1-mini',
      modelInfo: undefined,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const headers = setup.simulator.requests[0]?.headers;
    expect(headers?.['openai-organization']).toBe('org-123');
    expect(headers?.['openai-project']).toBe('proj_456');
    expect(headers?.['x-team']).toBe('search');
  });
});
