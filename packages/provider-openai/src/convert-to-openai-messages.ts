import {
  contentToText,
  InvalidRequestError,
  type Message,
  type ProviderOptions,
  type UserContentPart,
} from '@stratum/core';
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { OpenAICompatibleMessageConverter } from './openai-compatible-settings.js';

interface ConvertOptions {
  provider: string;
  /** The `providerOptions` key whose fields are merged into each message (e.g. `name`). */
  providerOptionsKey: string;
  /** The vendor's adaptation of each message, given the Stratum message it came from. */
  convertMessage?: OpenAICompatibleMessageConverter | undefined;
}

/**
 * Converts Stratum messages to Chat Completions messages.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 *
 * Reasoning parts are not sent back: Chat Completions has no field for them; vendors that take
 * them (DeepSeek, Mistral) add them in `convertMessage`, which sees each Stratum message beside
 * the message converted from it.
 */
export function convertToOpenAIMessages(
  messages: readonly Message[],
  options: ConvertOptions,
): ChatCompletionMessageParam[] {
  const adapt = options.convertMessage;
  return messages.map((message, index) => {
    const converted = withMessageOptions(
      convertMessage(message, options),
      message.providerOptions,
      options,
    );
    return adapt ? adapt(converted, { message, index, messages }) : converted;
  });
}

function convertMessage(message: Message, options: ConvertOptions): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: contentToText(message.content) };
    case 'user': {
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      const [only] = message.content;
      if (message.content.length === 1 && only?.type === 'text') {
        return { role: 'user', content: only.text };
      }
      return {
        role: 'user',
        content: message.content.map((part) => convertUserPart(part, options)),
      };
    }
    case 'assistant': {
      if (typeof message.content === 'string') {
        return { role: 'assistant', content: message.content };
      }
      let text = '';
      const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
      for (const part of message.content) {
        if (part.type === 'text') text += part.text;
        else if (part.type === 'tool-call') {
          toolCalls.push({
            id: part.id,
            type: 'function',
            function: {
              name: part.name,
              arguments: part.rawArguments ?? JSON.stringify(part.arguments ?? {}),
            },
          });
        }
      }
      return toolCalls.length > 0
        ? { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls }
        : { role: 'assistant', content: text };
    }
    case 'tool':
      return {
        role: 'tool',
        tool_call_id: message.toolCallId,
        content: contentToText(message.content),
      };
  }
}

function convertUserPart(
  part: UserContentPart,
  options: ConvertOptions,
): ChatCompletionContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const url = part.source.type === 'url' ? part.source.url : dataUrl(part.source);
      return {
        type: 'image_url',
        image_url: part.detail ? { url, detail: part.detail } : { url },
      };
    }
    case 'file': {
      if (part.mediaType.startsWith('image/')) {
        const url = part.source.type === 'url' ? part.source.url : dataUrl(part.source);
        return { type: 'image_url', image_url: { url } };
      }
      const { source } = part;
      if (source.type === 'url' && !source.url.startsWith('data:')) {
        throw new InvalidRequestError(
          `${options.provider} Chat Completions takes files as base64 data, not by URL (${source.url}). Download the file and pass { type: 'base64', data, mediaType: '${part.mediaType}' }.`,
          { provider: options.provider },
        );
      }
      const fileData =
        source.type === 'url'
          ? source.url
          : dataUrl({ data: source.data, mediaType: part.mediaType });
      return {
        type: 'file',
        file: { filename: part.filename ?? defaultFilename(part.mediaType), file_data: fileData },
      };
    }
  }
}

function dataUrl(source: { data: string; mediaType: string }): string {
  return `data:${source.mediaType};base64,${source.data}`;
}

function defaultFilename(mediaType: string): string {
  const extension = mediaType.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
  return `file.${extension}`;
}

function withMessageOptions(
  message: ChatCompletionMessageParam,
  providerOptions: ProviderOptions | undefined,
  options: ConvertOptions,
): ChatCompletionMessageParam {
  const extra = providerOptions?.[options.providerOptionsKey];
  return extra ? Object.assign(message, extra) : message;
}
