import { describe, expect, it } from 'vitest';
import { GatewayError } from '../src/errors/gateway-error.js';
import { parseOpenAIRequest } from '../src/openai/parse-openai-request.js';

describe('parseOpenAIRequest', () => {
  it('maps messages, tools, tool results, images, response_format and reasoning effort', () => {
    const parsed = parseOpenAIRequest({
      model: 'openai/gpt-4.1-mini',
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'x', schema: { type: 'object' } },
      },
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
    });
    expect(parsed.stream).toBe(true);
    expect(parsed.includeUsage).toBe(true);
    expect(parsed.request.reasoning).toEqual({ effort: 'low' });
    expect(parsed.request.responseFormat).toMatchObject({ type: 'json-schema', name: 'x' });
    expect(parsed.request.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(parsed.request.messages[1]).toMatchObject({
      content: [
        { type: 'text' },
        { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' } },
      ],
    });
    expect(parsed.request.messages[2]).toMatchObject({
      content: [{ type: 'tool-call', id: 'c1', arguments: { city: 'Paris' } }],
    });
    expect(parsed.request.messages[3]).toEqual({
      role: 'tool',
      toolCallId: 'c1',
      content: 'sunny',
    });
  });

  it('names the field at fault and refuses n above 1', () => {
    expect(() => parseOpenAIRequest({ model: 'm', messages: [], n: 2 })).toThrow(/n: 1/);
    try {
      parseOpenAIRequest({ model: 'm', messages: [{ role: 'user', content: 5 }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).param).toContain('messages[0].content');
      expect((error as GatewayError).status).toBe(400);
    }
  });
});
