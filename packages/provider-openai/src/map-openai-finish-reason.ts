import type { FinishReason } from '@stratum/core';

/**
 * Maps Chat Completions' `finish_reason`; values some compatible vendors add (`model_length`,
 * `error`) are mapped too, anything else becomes `other`. The caller keeps the raw value.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(finishReason: string | null | undefined): FinishReason {
  switch (finishReason) {
    case 'stop':
      return 'stop';
    case 'length':
    case 'model_length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}
