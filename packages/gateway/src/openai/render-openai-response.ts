import type { ChatResponse, FinishReason, Usage } from '@stratum/core';

/** Stratum's finish reasons in OpenAI's words (https://platform.openai.com/docs/api-reference/chat/object). */
const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
};

export function openAIFinishReason(reason: FinishReason): string {
  return FINISH_REASONS[reason];
}

export function openAIUsage(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

/** A `chat.completion` object for one Stratum response. */
export function renderOpenAICompletion(
  response: ChatResponse,
  id: string,
): Record<string, unknown> {
  const toolCalls = response.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.rawArguments },
  }));
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: response.modelId,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: response.text === '' && toolCalls.length > 0 ? null : response.text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(response.finishReason),
      },
    ],
    usage: openAIUsage(response.usage),
  };
}
