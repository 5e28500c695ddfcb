import { randomBytes } from 'node:crypto';
import type { SimulatedReply, SimulatedUsage } from '../simulator/scenario.js';
import { splitText } from '../simulator/write-helpers.js';
import { anthropicId } from './anthropic-errors.js';
import { anthropicExtras, stopReasonOf } from './anthropic-reply.js';

/** One SSE event: its `event:` name and its JSON data. */
export interface AnthropicEvent {
  event: string;
  data: Record<string, unknown>;
}

type PlannedBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown; inputText: string };

/**
 * Anthropic's `input_tokens` counts only the uncached part of the prompt; the cache counters
 * are separate (https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance).
 * Stratum's neutral `inputTokens` includes them, so they are taken out here.
 */
export function renderUsage(usage: SimulatedUsage): Record<string, unknown> {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const rendered: Record<string, unknown> = {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
  if (usage.reasoningTokens !== undefined) {
    rendered['output_tokens_details'] = { thinking_tokens: usage.reasoningTokens };
  }
  return rendered;
}

/** Usage for a reply that gave none: about four characters a token. */
export function estimatedUsage(promptCharacters: number, reply: SimulatedReply): SimulatedUsage {
  const replyCharacters =
    (reply.text?.length ?? 0) +
    (reply.reasoning?.length ?? 0) +
    (reply.toolCalls ?? []).reduce((sum, call) => sum + argumentsText(call.arguments).length, 0);
  return {
    inputTokens: Math.max(1, Math.ceil(promptCharacters / 4)),
    outputTokens: Math.max(1, Math.ceil(replyCharacters / 4)),
  };
}

function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** A signature shaped like Anthropic's (opaque base64) for replies that bring none. */
function simulatedSignature(): string {
  return `Eq${randomBytes(96).toString('base64')}`;
}

function planBlocks(reply: SimulatedReply): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  if (reply.reasoning !== undefined) {
    blocks.push({
      type: 'thinking',
      thinking: reply.reasoning,
      signature: reply.reasoningSignature ?? simulatedSignature(),
    });
  }
  for (const data of anthropicExtras(reply).redactedThinking) {
    blocks.push({ type: 'redacted_thinking', data });
  }
  if (reply.text !== undefined && (reply.text !== '' || !reply.toolCalls?.length)) {
    blocks.push({ type: 'text', text: reply.text });
  }
  for (const call of reply.toolCalls ?? []) {
    const inputText = argumentsText(call.arguments);
    blocks.push({
      type: 'tool_use',
      id: call.id ?? anthropicId('toolu'),
      name: call.name,
      input:
        typeof call.arguments === 'string' ? parseInput(call.arguments) : (call.arguments ?? {}),
      inputText,
    });
  }
  return blocks;
}

function stopDetails(stopReason: string): Record<string, unknown> | null {
  if (stopReason !== 'refusal') return null;
  return {
    type: 'refusal',
    category: 'general_harms',
    explanation: "This request was blocked under Anthropic's Usage Policy.",
  };
}

function finalBlock(block: PlannedBlock): Record<string, unknown> {
  if (block.type === 'tool_use') {
    return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
  return { ...block };
}

/** A complete `message` body (https://platform.claude.com/docs/en/api/messages). */
export function renderMessage(
  reply: SimulatedReply,
  model: string,
  usage: SimulatedUsage,
): Record<string, unknown> {
  const stopReason = stopReasonOf(reply);
  return {
    model: reply.model ?? model,
    id: anthropicId('msg'),
    type: 'message',
    role: 'assistant',
    content: planBlocks(reply).map(finalBlock),
    stop_reason: stopReason,
    stop_sequence: anthropicExtras(reply).stopSequence ?? null,
    stop_details: stopDetails(stopReason),
    usage: renderUsage(usage),
  };
}

/**
 * The stream events of a reply, in the documented order
 * (https://platform.claude.com/docs/en/build-with-claude/streaming#event-types): message_start,
 * per block content_block_start / _delta… / _stop, message_delta, message_stop, with `ping`
 * events interleaved as the API sends them.
 */
export function renderStreamEvents(
  reply: SimulatedReply,
  model: string,
  usage: SimulatedUsage,
  chunkSize: number | undefined,
): AnthropicEvent[] {
  const stopReason = stopReasonOf(reply);
  const rendered = renderUsage(usage);
  const { output_tokens_details: _details, ...startUsage } = rendered;
  const events: AnthropicEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          model: reply.model ?? model,
          id: anthropicId('msg'),
          type: 'message',
          role: 'assistant',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          stop_details: null,
          usage: { ...startUsage, output_tokens: Math.min(1, usage.outputTokens) },
        },
      },
    },
  ];
  const blocks = planBlocks(reply);
  blocks.forEach((block, index) => {
    const [start, ...rest] = blockEvents(block, index, chunkSize);
    // Like the API: a ping right after the first block opens, and between blocks.
    if (start) events.push(start);
    if (index === 0) events.push(ping());
    events.push(...rest);
    if (index < blocks.length - 1) events.push(ping());
  });
  if (blocks.length === 0) events.push(ping());
  const { cache_creation: _creation, service_tier: _tier, ...deltaUsage } = rendered;
  events.push(
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: {
          stop_reason: stopReason,
          stop_sequence: anthropicExtras(reply).stopSequence ?? null,
          stop_details: stopDetails(stopReason),
        },
        usage: deltaUsage,
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}

function ping(): AnthropicEvent {
  return { event: 'ping', data: { type: 'ping' } };
}

function blockEvents(
  block: PlannedBlock,
  index: number,
  chunkSize: number | undefined,
): AnthropicEvent[] {
  const delta = (payload: Record<string, unknown>): AnthropicEvent => ({
    event: 'content_block_delta',
    data: { type: 'content_block_delta', index, delta: payload },
  });
  const start = (contentBlock: Record<string, unknown>): AnthropicEvent => ({
    event: 'content_block_start',
    data: { type: 'content_block_start', index, content_block: contentBlock },
  });
  const events: AnthropicEvent[] = [];
  switch (block.type) {
    case 'thinking':
      events.push(start({ type: 'thinking', thinking: '', signature: '' }));
      for (const piece of splitText(block.thinking, chunkSize)) {
        events.push(delta({ type: 'thinking_delta', thinking: piece }));
      }
      events.push(delta({ type: 'signature_delta', signature: block.signature }));
      break;
    case 'redacted_thinking':
      events.push(start({ type: 'redacted_thinking', data: block.data }));
      break;
    case 'text':
      events.push(start({ type: 'text', text: '' }));
      for (const piece of splitText(block.text, chunkSize)) {
        events.push(delta({ type: 'text_delta', text: piece }));
      }
      break;
    case 'tool_use':
      events.push(start({ type: 'tool_use', id: block.id, name: block.name, input: {} }));
      // The API opens every tool input with an empty partial_json.
      events.push(delta({ type: 'input_json_delta', partial_json: '' }));
      for (const piece of splitText(block.inputText, chunkSize ?? 8)) {
        events.push(delta({ type: 'input_json_delta', partial_json: piece }));
      }
      break;
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}
