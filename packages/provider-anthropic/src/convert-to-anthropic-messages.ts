import type {
  CacheControlEphemeral,
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import {
  type AssistantContentPart,
  contentToParts,
  type Message,
  type ProviderOptions,
  type Warning,
} from '@stratum/core';
import { anthropicOptionsOf, parseCacheControl } from './anthropic-options.js';
import { convertUserPart } from './convert-user-part.js';

export interface AnthropicPrompt {
  system: string | TextBlockParam[] | undefined;
  messages: MessageParam[];
  warnings: Warning[];
}

interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlockParam[];
}

/**
 * Converts Stratum messages to the Messages API's `system` and `messages`
 * (https://platform.claude.com/docs/en/api/messages#body-messages):
 *
 * - system messages become the top-level `system` (in order, wherever they stood);
 * - consecutive turns of one role are merged into one message, as the API expects alternation;
 * - tool results become `tool_result` blocks of a user turn, placed before its other blocks;
 * - reasoning parts go back as `thinking` (with their signature) or `redacted_thinking`;
 * - `providerOptions.anthropic.cacheControl` on a part marks that block, on a message its last block.
 */
export function convertToAnthropicMessages(
  messages: readonly Message[],
  cacheSystemPrompt: boolean,
): AnthropicPrompt {
  const warnings: Warning[] = [];
  const system: TextBlockParam[] = [];
  const turns: Turn[] = [];
  let seenConversation = false;

  messages.forEach((message, position) => {
    const where = `messages[${position}]`;
    const blocks: ContentBlockParam[] = [];
    switch (message.role) {
      case 'system': {
        if (seenConversation) {
          warnings.push({
            type: 'other',
            message: `Anthropic takes one system prompt: the system message at ${where} was moved to the top-level system prompt.`,
          });
        }
        const systemBlocks: TextBlockParam[] = [];
        contentToParts(message.content).forEach((part, index) => {
          if (part.text === '') return;
          systemBlocks.push(
            withCache(
              { type: 'text', text: part.text },
              part.providerOptions,
              `${where}.content[${index}]`,
            ),
          );
        });
        markLast(systemBlocks, message.providerOptions, where);
        system.push(...systemBlocks);
        return;
      }
      case 'user':
        contentToParts(message.content).forEach((part, index) => {
          const block = convertUserPart(part, `${where}.content[${index}]`);
          if (block)
            blocks.push(withCache(block, part.providerOptions, `${where}.content[${index}]`));
        });
        break;
      case 'tool':
        blocks.push({
          type: 'tool_result',
          tool_use_id: message.toolCallId,
          content:
            typeof message.content === 'string'
              ? message.content
              : message.content.map((part) => ({ type: 'text', text: part.text })),
          ...(message.isError ? { is_error: true } : {}),
        });
        break;
      case 'assistant':
        contentToParts<AssistantContentPart>(message.content).forEach((part, index) => {
          for (const block of convertAssistantPart(part, `${where}.content[${index}]`, warnings)) {
            blocks.push(withCache(block, part.providerOptions, `${where}.content[${index}]`));
          }
        });
        break;
    }
    seenConversation = true;
    markLast(blocks, message.providerOptions, where);
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  });

  if (cacheSystemPrompt) {
    const last = system.at(-1);
    if (last && !last.cache_control) last.cache_control = { type: 'ephemeral' };
  }
  trimFinalAssistantTurn(turns);
  return {
    system: systemOf(system),
    messages: turns
      .filter((turn) => turn.content.length > 0)
      .map((turn) => ({
        role: turn.role,
        content: turn.role === 'user' ? toolResultsFirst(turn.content) : turn.content,
      })),
    warnings,
  };
}

function convertAssistantPart(
  part: AssistantContentPart,
  where: string,
  warnings: Warning[],
): ContentBlockParam[] {
  switch (part.type) {
    case 'text':
      // The API rejects empty text blocks.
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'tool-call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: toolInput(part.arguments) }];
    case 'reasoning': {
      const blocks: ContentBlockParam[] = [];
      if (part.redactedData !== undefined)
        blocks.push({ type: 'redacted_thinking', data: part.redactedData });
      // A streamed redacted block followed by a thinking block arrives as one part holding both.
      if (part.signature !== undefined) {
        blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      } else if (part.redactedData === undefined) {
        warnings.push({
          type: 'other',
          message: `The reasoning at ${where} has no Anthropic signature (it came from another model or was edited), so it was not sent: Anthropic only accepts thinking blocks it signed.`,
        });
      }
      return blocks;
    }
  }
}

/** Tool inputs are objects; arguments given as JSON text are parsed back. */
function toolInput(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value);
  } catch {
    return {};
  }
}

function withCache<T extends ContentBlockParam>(
  block: T,
  options: ProviderOptions | undefined,
  where: string,
): T {
  const cacheControl = cacheControlOf(options, where);
  if (cacheControl && block.type !== 'thinking' && block.type !== 'redacted_thinking') {
    return { ...block, cache_control: cacheControl };
  }
  return block;
}

/** A message-level breakpoint goes on the message's last block. */
function markLast(
  blocks: ContentBlockParam[],
  options: ProviderOptions | undefined,
  where: string,
): void {
  const cacheControl = cacheControlOf(options, where);
  const last = blocks.at(-1);
  if (!cacheControl || !last) return;
  blocks[blocks.length - 1] = withCache(last, { anthropic: { cacheControl: cacheControl } }, where);
}

function cacheControlOf(
  options: ProviderOptions | undefined,
  where: string,
): CacheControlEphemeral | undefined {
  return parseCacheControl(anthropicOptionsOf(options)['cacheControl'], where);
}

/** The API rejects a final assistant turn that ends in whitespace (a prefill). */
function trimFinalAssistantTurn(turns: Turn[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block?.type !== 'text') return;
  const text = block.text.trimEnd();
  if (text === '') last.content.pop();
  else last.content[last.content.length - 1] = { ...block, text };
}

/** `tool_result` blocks must open a user turn, before any text. */
function toolResultsFirst(content: ContentBlockParam[]): ContentBlockParam[] {
  if (!content.some((block) => block.type === 'tool_result')) return content;
  return [
    ...content.filter((block) => block.type === 'tool_result'),
    ...content.filter((block) => block.type !== 'tool_result'),
  ];
}

function systemOf(blocks: TextBlockParam[]): string | TextBlockParam[] | undefined {
  if (blocks.length === 0) return undefined;
  const [only] = blocks;
  if (blocks.length === 1 && only && !only.cache_control) return only.text;
  return blocks;
}
