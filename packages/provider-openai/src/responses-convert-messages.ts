import {
  contentToParts,
  contentToText,
  InvalidRequestError,
  type Message,
  type ProviderOptions,
  type UserContentPart,
} from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import type { ResponseInputContent, ResponseInputItem } from 'openai/resources/responses/responses';

/**
 * What `providerOptions.openai` holds on a response part so it can go back as the same item:
 * a reasoning item's `id` and `encrypted_content`, a message's `phase`, or the id of a built-in
 * tool call the API ran itself (`providerExecuted`).
 */
export interface ResponsesPartOptions {
  itemId?: string;
  encryptedContent?: string;
  phase?: 'commentary' | 'final_answer';
  providerExecuted?: boolean;
}

/** The `openai` entry of a part's options. */
export function responsesPartOptions(options: ProviderOptions | undefined): ResponsesPartOptions {
  const entry = options?.['openai'];
  if (!isRecord(entry)) return {};
  const read: ResponsesPartOptions = {};
  if (typeof entry['itemId'] === 'string') read.itemId = entry['itemId'];
  if (typeof entry['encryptedContent'] === 'string')
    read.encryptedContent = entry['encryptedContent'];
  if (entry['phase'] === 'commentary' || entry['phase'] === 'final_answer')
    read.phase = entry['phase'];
  if (entry['providerExecuted'] === true) read.providerExecuted = true;
  return read;
}

/**
 * Stratum messages → Responses API input items
 * (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input).
 * System messages become `developer` messages for reasoning models (`system` otherwise);
 * reasoning parts go back as `reasoning` items with their `encrypted_content`, so a
 * conversation keeps its reasoning with `store: false` and no `previous_response_id`; tool
 * calls as `function_call`, results as `function_call_output`. A built-in tool call the API
 * ran itself goes back as an `item_reference` when responses are stored; without storage
 * there is nothing to refer to, and the answer that followed it already carries its result.
 */
export function convertToResponsesInput(
  messages: readonly Message[],
  options: { reasoningModel: boolean; store: boolean },
): ResponseInputItem[] {
  const { reasoningModel, store } = options;
  const input: ResponseInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        input.push({
          role: reasoningModel ? 'developer' : 'system',
          content: contentToText(message.content),
        });
        break;
      case 'user':
        input.push({ role: 'user', content: userContent(message.content) });
        break;
      case 'assistant':
        for (const part of contentToParts(message.content)) {
          const options = responsesPartOptions(part.providerOptions);
          if (part.type === 'text') {
            input.push({
              role: 'assistant',
              content: part.text,
              ...(options.phase ? { phase: options.phase } : {}),
            });
          } else if (part.type === 'reasoning') {
            // Reasoning without its item id cannot be sent back; the API would reject it.
            if (!options.itemId) continue;
            input.push({
              type: 'reasoning',
              id: options.itemId,
              summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
              ...(options.encryptedContent ? { encrypted_content: options.encryptedContent } : {}),
            });
          } else if (options.providerExecuted) {
            if (store) input.push({ type: 'item_reference', id: part.id });
          } else {
            input.push({
              type: 'function_call',
              call_id: part.id,
              name: part.name,
              arguments: part.rawArguments ?? JSON.stringify(part.arguments ?? {}),
            });
          }
        }
        break;
      case 'tool':
        input.push({
          type: 'function_call_output',
          call_id: message.toolCallId,
          output: contentToText(message.content),
        });
        break;
    }
  }
  return input;
}

function userContent(content: string | UserContentPart[]): string | ResponseInputContent[] {
  if (typeof content === 'string') return content;
  return content.map((part): ResponseInputContent => {
    switch (part.type) {
      case 'text':
        return { type: 'input_text', text: part.text };
      case 'image':
        return {
          type: 'input_image',
          detail: part.detail ?? 'auto',
          image_url:
            part.source.type === 'url'
              ? part.source.url
              : `data:${part.source.mediaType};base64,${part.source.data}`,
        };
      default:
        if (part.source.type === 'url') {
          return { type: 'input_file', file_url: part.source.url };
        }
        if (!part.filename) {
          throw new InvalidRequestError(
            'The Responses API needs a filename for base64 file input: set filename on the file part (e.g. "report.pdf").',
            { provider: 'openai' },
          );
        }
        return {
          type: 'input_file',
          filename: part.filename,
          file_data: `data:${part.mediaType};base64,${part.source.data}`,
        };
    }
  });
}
