import type {
  OpenAICompatibleChunk,
  OpenAICompatibleUsage,
} from '@stratum/provider-openai/internal';

/**
 * Groq reports a stream's usage in `x_groq.usage` on its last chunk (the one with the
 * `finish_reason`), not in OpenAI's top-level `usage`. This copies it there so the shared
 * stream reader prices it; a top-level `usage`, when Groq sends one too, is left as is. The
 * fields are OpenAI's (`prompt_tokens` includes cached tokens, `completion_tokens` the
 * reasoning tokens) plus timings in seconds, which Stratum does not use.
 * https://console.groq.com/docs/api-reference#chat-create
 *
 * | Stratum            | Groq                                          |
 * | ------------------ | --------------------------------------------- |
 * | `inputTokens`      | `prompt_tokens`                               |
 * | `cacheReadTokens`  | `prompt_tokens_details.cached_tokens`         |
 * | `outputTokens`     | `completion_tokens`                           |
 * | `reasoningTokens`  | `completion_tokens_details.reasoning_tokens`  |
 */
export function copyGroqStreamUsage(chunk: OpenAICompatibleChunk): void {
  if (chunk.usage) return;
  const extension = chunk['x_groq'];
  if (typeof extension !== 'object' || extension === null || !('usage' in extension)) return;
  const usage = readGroqUsage(extension.usage);
  if (usage) chunk.usage = usage;
}

function readGroqUsage(value: unknown): OpenAICompatibleUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (name: string): number | undefined => {
    const count: unknown = Reflect.get(value, name);
    return typeof count === 'number' ? count : undefined;
  };
  const details = (name: string, inner: string): number | undefined => {
    const object: unknown = Reflect.get(value, name);
    if (typeof object !== 'object' || object === null) return undefined;
    const count: unknown = Reflect.get(object, inner);
    return typeof count === 'number' ? count : undefined;
  };
  return {
    prompt_tokens: field('prompt_tokens'),
    completion_tokens: field('completion_tokens'),
    total_tokens: field('total_tokens'),
    prompt_tokens_details: { cached_tokens: details('prompt_tokens_details', 'cached_tokens') },
    completion_tokens_details: {
      reasoning_tokens: details('completion_tokens_details', 'reasoning_tokens'),
    },
  };
}
