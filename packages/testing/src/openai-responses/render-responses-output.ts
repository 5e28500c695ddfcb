import { randomBytes } from 'node:crypto';
import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';

type JsonObject = Record<string, unknown>;

/** What the request decides about the answer's shape. */
export interface ResponsesRenderContext {
  model: string;
  /** `include` asked for `reasoning.encrypted_content`. */
  encryptedReasoning: boolean;
  store: boolean;
  createdAt: number;
}

const itemId = (prefix: string): string => `${prefix}_${randomBytes(24).toString('hex')}`;

/**
 * Responses usage: `input_tokens` includes `cached_tokens`, `output_tokens` includes
 * `reasoning_tokens` (https://platform.openai.com/docs/api-reference/responses/object).
 */
export function renderResponsesUsage(usage: SimulatedUsage): JsonObject {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

/** The output items of a reply, each complete, with ids fixed so stream and body agree. */
export function renderOutputItems(
  reply: SimulatedReply,
  context: ResponsesRenderContext,
): JsonObject[] {
  const items: JsonObject[] = [];
  if (reply.reasoning) {
    items.push({
      id: itemId('rs'),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: reply.reasoning }],
      ...(context.encryptedReasoning
        ? { encrypted_content: `gAAAAA${randomBytes(48).toString('base64url')}` }
        : {}),
    });
  }
  const content: JsonObject[] = [];
  if (reply.text)
    content.push({ type: 'output_text', annotations: [], logprobs: [], text: reply.text });
  if (reply.refusal) content.push({ type: 'refusal', refusal: reply.refusal });
  if (content.length > 0 || (!reply.toolCalls?.length && !reply.reasoning)) {
    items.push({
      id: itemId('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content,
    });
  }
  for (const call of reply.toolCalls ?? []) {
    items.push({
      id: itemId('fc'),
      type: 'function_call',
      status: 'completed',
      arguments: argumentsText(call.arguments),
      call_id: call.id ?? `call_${randomBytes(12).toString('base64url')}`,
      name: call.name,
    });
  }
  return items;
}

function statusOf(reply: SimulatedReply): {
  status: string;
  incomplete_details: JsonObject | null;
} {
  if (reply.finishReason === 'length') {
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  }
  if (reply.finishReason === 'content-filter') {
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  }
  return { status: 'completed', incomplete_details: null };
}

/** A `response` object around output items. */
export function renderResponse(
  id: string,
  reply: SimulatedReply,
  output: JsonObject[],
  usage: SimulatedUsage | null,
  context: ResponsesRenderContext,
  status?: string,
): JsonObject {
  const finished = statusOf(reply);
  return {
    id,
    object: 'response',
    created_at: context.createdAt,
    status: status ?? finished.status,
    error: null,
    incomplete_details: status ? null : finished.incomplete_details,
    model: reply.model ?? context.model,
    output,
    parallel_tool_calls: true,
    store: context.store,
    usage: usage ? renderResponsesUsage(usage) : null,
  };
}

/**
 * The stream events of a reply in the documented order
 * (https://platform.openai.com/docs/api-reference/responses-streaming): `response.created`,
 * `response.in_progress`, per item `output_item.added`, its deltas and `.done` events,
 * `output_item.done`, then `response.completed` (or `response.incomplete`).
 */
export function renderResponsesEvents(
  id: string,
  reply: SimulatedReply,
  usage: SimulatedUsage,
  context: ResponsesRenderContext,
  chunkSize?: number,
): JsonObject[] {
  const items = renderOutputItems(reply, context);
  const events: JsonObject[] = [
    {
      type: 'response.created',
      response: renderResponse(id, reply, [], null, context, 'in_progress'),
    },
    {
      type: 'response.in_progress',
      response: renderResponse(id, reply, [], null, context, 'in_progress'),
    },
  ];
  items.forEach((item, output_index) => {
    const item_id = item['id'];
    if (item['type'] === 'reasoning') {
      const text = reply.reasoning ?? '';
      events.push({
        type: 'response.output_item.added',
        output_index,
        item: { ...item, summary: [] },
      });
      const part = { type: 'summary_text', text: '' };
      events.push({
        type: 'response.reasoning_summary_part.added',
        item_id,
        output_index,
        summary_index: 0,
        part,
      });
      for (const delta of splitText(text, chunkSize)) {
        events.push({
          type: 'response.reasoning_summary_text.delta',
          item_id,
          output_index,
          summary_index: 0,
          delta,
        });
      }
      events.push({
        type: 'response.reasoning_summary_text.done',
        item_id,
        output_index,
        summary_index: 0,
        text,
      });
      events.push({
        type: 'response.reasoning_summary_part.done',
        item_id,
        output_index,
        summary_index: 0,
        part: { type: 'summary_text', text },
      });
    } else if (item['type'] === 'message') {
      events.push({
        type: 'response.output_item.added',
        output_index,
        item: { ...item, status: 'in_progress', content: [] },
      });
      if (reply.text) {
        const part = { type: 'output_text', annotations: [], logprobs: [], text: '' };
        events.push({
          type: 'response.content_part.added',
          item_id,
          output_index,
          content_index: 0,
          part,
        });
        for (const delta of splitText(reply.text, chunkSize)) {
          events.push({
            type: 'response.output_text.delta',
            item_id,
            output_index,
            content_index: 0,
            delta,
            logprobs: [],
          });
        }
        events.push({
          type: 'response.output_text.done',
          item_id,
          output_index,
          content_index: 0,
          text: reply.text,
          logprobs: [],
        });
        events.push({
          type: 'response.content_part.done',
          item_id,
          output_index,
          content_index: 0,
          part: { ...part, text: reply.text },
        });
      }
    } else {
      const text = String(item['arguments']);
      events.push({
        type: 'response.output_item.added',
        output_index,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of splitText(text, chunkSize ?? 6)) {
        events.push({
          type: 'response.function_call_arguments.delta',
          item_id,
          output_index,
          delta,
        });
      }
      events.push({
        type: 'response.function_call_arguments.done',
        item_id,
        output_index,
        arguments: text,
      });
    }
    events.push({ type: 'response.output_item.done', output_index, item });
  });
  const finished = renderResponse(id, reply, items, usage, context);
  events.push({
    type: finished['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed',
    response: finished,
  });
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}
