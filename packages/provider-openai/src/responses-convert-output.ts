import {
  createUsage,
  type FinishReason,
  parseToolArguments,
  type ResponseContentPart,
  type Usage,
} from '@stratum/core';
import type {
  Response,
  ResponseOutputItem,
  ResponseReasoningItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';

/**
 * Responses usage (https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage):
 * `input_tokens` includes `input_tokens_details.cached_tokens` (and cache writes, where
 * reported); `output_tokens` includes `output_tokens_details.reasoning_tokens`.
 */
export function mapResponsesUsage(usage: ResponseUsage | null | undefined): Usage {
  return createUsage({
    inputTokens: usage?.input_tokens,
    cacheReadTokens: usage?.input_tokens_details?.cached_tokens,
    cacheWriteTokens: usage?.input_tokens_details?.cache_write_tokens,
    outputTokens: usage?.output_tokens,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens,
  });
}

/** The reasoning text of an item: its summaries (what the API shows), else its raw content. */
export function reasoningText(item: ResponseReasoningItem): string {
  const summaries = item.summary.map((summary) => summary.text);
  if (summaries.length > 0) return summaries.join('\n\n');
  return (item.content ?? []).map((content) => content.text).join('');
}

export function reasoningPart(item: ResponseReasoningItem): ResponseContentPart {
  return {
    type: 'reasoning',
    text: reasoningText(item),
    providerOptions: {
      openai: {
        itemId: item.id,
        ...(item.encrypted_content ? { encryptedContent: item.encrypted_content } : {}),
      },
    },
  };
}

/**
 * A call of a built-in tool the API ran itself (web search, file search, code interpreter,
 * image generation, MCP, …), reported as a tool call marked `providerExecuted` so it is not
 * silently dropped: `name` is the tool (`web_search`), `arguments` what the item says it did.
 */
export function builtInToolCallPart(item: ResponseOutputItem): ResponseContentPart {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key !== 'id' && key !== 'type' && key !== 'status') details[key] = value;
  }
  const id = 'id' in item && typeof item.id === 'string' ? item.id : item.type;
  const status = 'status' in item && typeof item.status === 'string' ? item.status : undefined;
  return {
    type: 'tool-call',
    id,
    name: item.type.replace(/_call$/, ''),
    arguments: details,
    providerOptions: {
      openai: { providerExecuted: true, itemType: item.type, ...(status ? { status } : {}) },
    },
  };
}

export interface ConvertedResponse {
  content: ResponseContentPart[];
  finishReason: FinishReason;
  rawFinishReason: string;
}

/**
 * Output items → content parts in order: reasoning (summaries, with the item id and
 * `encrypted_content` for the next turn), message text (with its `phase` and annotations),
 * function calls with parsed arguments, built-in tool calls as reported calls.
 */
export function convertResponsesOutput(response: Response, provider: string): ConvertedResponse {
  const content: ResponseContentPart[] = [];
  let functionCalls = 0;
  let refused = false;
  for (const item of response.output) {
    switch (item.type) {
      case 'reasoning':
        content.push(reasoningPart(item));
        break;
      case 'message':
        for (const part of item.content) {
          if (part.type === 'refusal') {
            refused = true;
            content.push({ type: 'text', text: part.refusal });
            continue;
          }
          const openai = {
            ...(item.phase ? { phase: item.phase } : {}),
            ...(part.annotations.length > 0 ? { annotations: part.annotations } : {}),
          };
          content.push({
            type: 'text',
            text: part.text,
            ...(Object.keys(openai).length > 0 ? { providerOptions: { openai } } : {}),
          });
        }
        break;
      case 'function_call':
        functionCalls += 1;
        content.push({
          type: 'tool-call',
          id: item.call_id,
          name: item.name,
          arguments: parseToolArguments(item.arguments, item.name, provider),
          rawArguments: item.arguments,
          ...(item.id ? { providerOptions: { openai: { itemId: item.id } } } : {}),
        });
        break;
      default:
        content.push(builtInToolCallPart(item));
    }
  }
  return { content, ...finishOf(response, functionCalls > 0, refused) };
}

/** `status` and `incomplete_details.reason` → a finish reason. */
export function finishOf(
  response: Pick<Response, 'status' | 'incomplete_details'>,
  calledFunctions: boolean,
  refused: boolean,
): { finishReason: FinishReason; rawFinishReason: string } {
  const reason = response.incomplete_details?.reason;
  if (response.status === 'incomplete') {
    const raw = reason ?? 'incomplete';
    if (reason === 'max_output_tokens') return { finishReason: 'length', rawFinishReason: raw };
    if (reason === 'content_filter')
      return { finishReason: 'content-filter', rawFinishReason: raw };
    return { finishReason: 'other', rawFinishReason: raw };
  }
  const raw = response.status ?? 'completed';
  if (refused) return { finishReason: 'content-filter', rawFinishReason: 'refusal' };
  if (calledFunctions) return { finishReason: 'tool-calls', rawFinishReason: raw };
  return { finishReason: raw === 'completed' ? 'stop' : 'other', rawFinishReason: raw };
}
