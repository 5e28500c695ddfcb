import type {
  AssistantContentPart,
  ChatRequest,
  ImageSource,
  Message,
  ResponseFormat,
  ToolChoice,
  UserContentPart,
} from '@stratum/core';
import * as v from 'valibot';
import { type GatewayError, invalidField } from '../errors/gateway-error.js';
import {
  type OpenAIMessage,
  type OpenAIRequest,
  openAIRequestSchema,
} from './openai-request-schema.js';

/** What the chat completions route needs besides the Stratum request. */
export interface ParsedOpenAIRequest {
  request: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
}

/**
 * Reads a Chat Completions body into a Stratum `ChatRequest`
 * (https://platform.openai.com/docs/api-reference/chat/create). A field that does not fit is a
 * 400 naming it, before anything reaches a vendor.
 */
export function parseOpenAIRequest(body: unknown): ParsedOpenAIRequest {
  if (typeof body === 'object' && body !== null && 'n' in body && body.n !== 1 && body.n != null) {
    throw invalidField('n', 'Only n: 1 is supported: send one request per completion you need.');
  }
  const result = v.safeParse(openAIRequestSchema, body, { abortEarly: true });
  if (!result.success) throw issueError(result.issues[0]);
  const input = result.output;
  const request: ChatRequest = {
    model: input.model,
    messages: input.messages.map((message, index) => toMessage(message, index)),
  };
  if (input.temperature != null) request.temperature = input.temperature;
  if (input.top_p != null) request.topP = input.top_p;
  const maxOutputTokens = input.max_completion_tokens ?? input.max_tokens;
  if (maxOutputTokens != null) request.maxOutputTokens = maxOutputTokens;
  if (input.stop != null) request.stop = typeof input.stop === 'string' ? [input.stop] : input.stop;
  if (input.seed != null) request.seed = input.seed;
  if (input.tools != null && input.tools.length > 0) {
    request.tools = input.tools.map(({ function: tool }) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters ?? { type: 'object', properties: {} },
      ...(tool.strict == null ? {} : { strict: tool.strict }),
    }));
  }
  if (input.tool_choice != null) request.toolChoice = toToolChoice(input.tool_choice);
  if (input.parallel_tool_calls != null) request.parallelToolCalls = input.parallel_tool_calls;
  if (input.response_format != null) {
    request.responseFormat = toResponseFormat(input.response_format);
  }
  if (input.reasoning_effort != null) request.reasoning = { effort: input.reasoning_effort };
  if (input.metadata != null) request.metadata = { ...input.metadata };
  return {
    request,
    stream: input.stream === true,
    includeUsage: input.stream_options?.include_usage === true,
  };
}

function toMessage(message: OpenAIMessage, index: number): Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: message.content };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map((part, partIndex) =>
                toUserPart(part, `messages[${index}].content[${partIndex}]`),
              ),
      };
    case 'assistant': {
      const parts: AssistantContentPart[] = [];
      if (typeof message.content === 'string') {
        if (message.content !== '') parts.push({ type: 'text', text: message.content });
      } else {
        for (const part of message.content ?? []) {
          parts.push({ type: 'text', text: part.type === 'text' ? part.text : part.refusal });
        }
      }
      for (const [callIndex, call] of (message.tool_calls ?? []).entries()) {
        parts.push({
          type: 'tool-call',
          id: call.id,
          name: call.function.name,
          arguments: parseArguments(
            call.function.arguments,
            `messages[${index}].tool_calls[${callIndex}].function.arguments`,
          ),
        });
      }
      return { role: 'assistant', content: parts };
    }
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: message.content };
  }
}

type UserPartInput = Extract<OpenAIMessage, { role: 'user' }>['content'][number];

function toUserPart(part: Exclude<UserPartInput, string>, field: string): UserContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'image_url') {
    return {
      type: 'image',
      source: toSource(part.image_url.url, `${field}.image_url.url`),
      ...(part.image_url.detail === undefined ? {} : { detail: part.image_url.detail }),
    };
  }
  const source = toSource(part.file.file_data, `${field}.file.file_data`);
  const mediaType = source.type === 'base64' ? source.mediaType : 'application/pdf';
  return {
    type: 'file',
    source,
    mediaType,
    ...(part.file.filename === undefined ? {} : { filename: part.file.filename }),
  };
}

/** A `data:` URL becomes base64 data with its media type; anything else stays a URL. */
function toSource(url: string, field: string): ImageSource {
  if (!url.startsWith('data:')) {
    if (!/^https?:\/\//i.test(url)) {
      throw invalidField(field, `${field} must be an http(s) URL or a data: URL with base64 data.`);
    }
    return { type: 'url', url };
  }
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match?.[1] || match[2] === undefined) {
    throw invalidField(
      field,
      `${field} is a data: URL that is not base64 (data:<type>;base64,...).`,
    );
  }
  return { type: 'base64', mediaType: match[1], data: match[2] };
}

function parseArguments(text: string, field: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw invalidField(field, `${field} must be a JSON string, as the model sent it.`);
  }
}

function toToolChoice(choice: NonNullable<OpenAIRequest['tool_choice']>): ToolChoice {
  return typeof choice === 'string' ? choice : { type: 'tool', name: choice.function.name };
}

function toResponseFormat(format: NonNullable<OpenAIRequest['response_format']>): ResponseFormat {
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  const { name, description, schema, strict } = format.json_schema;
  if (schema === undefined) {
    throw invalidField(
      'response_format.json_schema.schema',
      'response_format.json_schema.schema is required: give the JSON Schema the answer must follow.',
    );
  }
  return {
    type: 'json-schema',
    schema,
    name,
    ...(description === undefined ? {} : { description }),
    ...(strict == null ? {} : { strict }),
  };
}

function issueError(outer: v.BaseIssue<unknown> | undefined): GatewayError {
  // A union's own issue only says "no option matched": the innermost one names the field.
  let issue = outer;
  let pathItems = outer?.path ?? [];
  while (issue?.issues?.[0]) {
    issue = issue.issues[0];
    if ((issue.path?.length ?? 0) > pathItems.length) pathItems = issue.path ?? pathItems;
  }
  const path = pathItems
    .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
    .join('')
    .replace(/^\./, '');
  const field = path === '' ? 'body' : path;
  const expected = issue?.expected ? ` (expected ${issue.expected})` : '';
  return invalidField(field, `Invalid ${field}: ${issue?.message ?? 'malformed'}${expected}.`);
}
