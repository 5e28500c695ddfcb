import { randomUUID } from 'node:crypto';
import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';

/**
 * Cohere bills `billed_units`; `tokens` also counts its own system preamble, and `cached_tokens`
 * the prompt tokens served from its cache (https://docs.cohere.com/reference/chat). The neutral
 * `inputTokens` / `outputTokens` are the billed counts; the rest is rendered around them.
 */
export function renderCohereUsage(usage: SimulatedUsage): Record<string, unknown> {
  return {
    billed_units: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
    tokens: { input_tokens: usage.inputTokens + 495, output_tokens: usage.outputTokens + 3 },
    cached_tokens: usage.cacheReadTokens ?? 0,
  };
}

const FINISH_REASONS = {
  stop: 'COMPLETE',
  length: 'MAX_TOKENS',
  'tool-calls': 'TOOL_CALL',
  'content-filter': 'ERROR',
} as const;

export function cohereFinishReason(reply: SimulatedReply): string {
  if (reply.finishReason) return FINISH_REASONS[reply.finishReason];
  return reply.toolCalls?.length ? 'TOOL_CALL' : 'COMPLETE';
}

function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

function toolCallId(name: string, index: number): string {
  return `${name}_${randomUUID().replaceAll('-', '').slice(0, 12)}${index}`;
}

/** A `POST /v2/chat` response body. */
export function renderCohereResponse(
  reply: SimulatedReply,
  usage: SimulatedUsage,
): Record<string, unknown> {
  const content: Array<Record<string, unknown>> = [];
  if (reply.reasoning) content.push({ type: 'thinking', thinking: reply.reasoning });
  if (reply.text) content.push({ type: 'text', text: reply.text });
  const message: Record<string, unknown> = { role: 'assistant' };
  if (content.length > 0) message['content'] = content;
  if (reply.toolCalls?.length) {
    message['tool_plan'] = 'I will call the tools the request needs.';
    message['tool_calls'] = reply.toolCalls.map((call, index) => ({
      id: call.id ?? toolCallId(call.name, index),
      type: 'function',
      function: { name: call.name, arguments: argumentsText(call.arguments) },
    }));
  }
  return {
    id: randomUUID(),
    message,
    finish_reason: cohereFinishReason(reply),
    usage: renderCohereUsage(usage),
  };
}

/**
 * The v2 chat stream's events in order (https://docs.cohere.com/v2/docs/streaming):
 * `message-start`, `content-start` / `content-delta` / `content-end` per content block
 * (thinking, then text), `tool-plan-delta`, `tool-call-start` / `tool-call-delta` /
 * `tool-call-end` per call, then `message-end` with the finish reason and usage.
 */
export function renderCohereStreamEvents(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  chunkSize?: number,
): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [
    {
      id: randomUUID(),
      type: 'message-start',
      delta: {
        message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] },
      },
    },
  ];
  let index = 0;
  const block = (kind: 'thinking' | 'text', text: string): void => {
    events.push({
      type: 'content-start',
      index,
      delta: { message: { content: { type: kind, [kind]: '' } } },
    });
    for (const piece of splitText(text, chunkSize)) {
      events.push({
        type: 'content-delta',
        index,
        delta: { message: { content: { [kind]: piece } } },
      });
    }
    events.push({ type: 'content-end', index });
    index += 1;
  };
  if (reply.reasoning) block('thinking', reply.reasoning);
  if (reply.text) block('text', reply.text);
  const calls = reply.toolCalls ?? [];
  if (calls.length > 0) {
    for (const piece of splitText('I will call the tools the request needs.', chunkSize)) {
      events.push({ type: 'tool-plan-delta', delta: { message: { tool_plan: piece } } });
    }
  }
  calls.forEach((call, position) => {
    events.push({
      type: 'tool-call-start',
      index: position,
      delta: {
        message: {
          tool_calls: {
            id: call.id ?? toolCallId(call.name, position),
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        },
      },
    });
    for (const piece of splitText(argumentsText(call.arguments), chunkSize ?? 8)) {
      events.push({
        type: 'tool-call-delta',
        index: position,
        delta: { message: { tool_calls: { function: { arguments: piece } } } },
      });
    }
    events.push({ type: 'tool-call-end', index: position });
  });
  events.push({
    type: 'message-end',
    delta: { finish_reason: cohereFinishReason(reply), usage: renderCohereUsage(usage) },
  });
  return events;
}
