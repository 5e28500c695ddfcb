import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';

type JsonObject = Record<string, unknown>;

/** One decoded ConverseStream event: its `:event-type` and its JSON payload. */
export interface BedrockStreamEvent {
  type: string;
  payload: JsonObject;
}

const STOP_REASONS = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'guardrail_intervened',
} as const;

export function bedrockStopReason(reply: SimulatedReply): string {
  if (reply.finishReason) return STOP_REASONS[reply.finishReason];
  return reply.toolCalls?.length ? 'tool_use' : 'end_turn';
}

/**
 * Converse `usage`: `inputTokens` leaves out cache reads and writes, which come apart
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html). The
 * neutral `inputTokens` includes them, so they are taken out here.
 */
export function renderBedrockUsage(usage: SimulatedUsage): JsonObject {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const inputTokens = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  return {
    inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: inputTokens + cacheRead + cacheWrite + usage.outputTokens,
    cacheReadInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
  };
}

function toolInput(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value);
  } catch {
    return {};
  }
}

const toolUseId = (index: number): string =>
  `tooluse_${String(index).padStart(2, '0')}${Math.random().toString(36).slice(2, 12)}`;

/** A `POST /model/{modelId}/converse` response body. */
export function renderConverseResponse(reply: SimulatedReply, usage: SimulatedUsage): JsonObject {
  const content: JsonObject[] = [];
  if (reply.reasoning) {
    content.push({
      reasoningContent: {
        reasoningText: {
          text: reply.reasoning,
          ...(reply.reasoningSignature ? { signature: reply.reasoningSignature } : {}),
        },
      },
    });
  }
  if (reply.text) content.push({ text: reply.text });
  (reply.toolCalls ?? []).forEach((call, index) => {
    content.push({
      toolUse: {
        toolUseId: call.id ?? toolUseId(index),
        name: call.name,
        input: toolInput(call.arguments),
      },
    });
  });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: bedrockStopReason(reply),
    usage: renderBedrockUsage(usage),
    metrics: { latencyMs: 120 },
  };
}

/**
 * The ConverseStream events of a reply, in the service's order: `messageStart`, per content
 * block its deltas (reasoning text then its signature, text, or `contentBlockStart` + tool
 * input deltas) and `contentBlockStop`, then `messageStop` and `metadata` with the usage.
 */
export function renderConverseStreamEvents(
  reply: SimulatedReply,
  usage: SimulatedUsage,
  chunkSize?: number,
): BedrockStreamEvent[] {
  const events: BedrockStreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' } }];
  let index = 0;
  if (reply.reasoning) {
    for (const text of splitText(reply.reasoning, chunkSize)) {
      events.push({
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { reasoningContent: { text } } },
      });
    }
    if (reply.reasoningSignature) {
      events.push({
        type: 'contentBlockDelta',
        payload: {
          contentBlockIndex: index,
          delta: { reasoningContent: { signature: reply.reasoningSignature } },
        },
      });
    }
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex: index } });
    index += 1;
  }
  if (reply.text) {
    for (const text of splitText(reply.text, chunkSize)) {
      events.push({
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { text } },
      });
    }
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex: index } });
    index += 1;
  }
  (reply.toolCalls ?? []).forEach((call, position) => {
    events.push({
      type: 'contentBlockStart',
      payload: {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: call.id ?? toolUseId(position), name: call.name } },
      },
    });
    const input =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
    for (const piece of splitText(input, chunkSize ?? 8)) {
      events.push({
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { toolUse: { input: piece } } },
      });
    }
    events.push({ type: 'contentBlockStop', payload: { contentBlockIndex: index } });
    index += 1;
  });
  events.push({ type: 'messageStop', payload: { stopReason: bedrockStopReason(reply) } });
  events.push({
    type: 'metadata',
    payload: { usage: renderBedrockUsage(usage), metrics: { latencyMs: 120 } },
  });
  return events;
}
