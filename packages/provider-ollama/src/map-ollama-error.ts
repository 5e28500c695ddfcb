import { ModelNotFoundError, ProviderUnavailableError, type StratumError } from '@stratum/core';
import { mapOpenAIError, type OpenAIErrorContext } from '@stratum/provider-openai/internal';

/**
 * Ollama runs on the user's machine, so its two common failures need a local fix rather than
 * a retry: a refused connection means Ollama is not running at that address, and a 404 means
 * the model was never pulled.
 * https://github.com/ollama/ollama/blob/main/docs/faq.md
 */
export function mapOllamaError(
  error: unknown,
  context: OpenAIErrorContext & { host: string },
): StratumError {
  if (!context.signal?.aborted && isConnectionRefused(error)) return notRunning(context, error);
  const mapped = mapOpenAIError(error, context);
  if (ModelNotFoundError.is(mapped) && !mapped.message.includes('ollama pull')) {
    return new ModelNotFoundError(
      `${mapped.message} Ollama has no model "${context.model}" at ${context.host}: pull it with \`ollama pull ${context.model}\`, or see \`ollama list\`.`,
      {
        provider: mapped.provider,
        model: mapped.model,
        status: mapped.status,
        vendorCode: mapped.vendorCode,
        headers: mapped.headers,
        cause: error,
      },
    );
  }
  return mapped;
}

export function notRunning(
  context: { provider: string; model?: string; host: string },
  cause: unknown,
) {
  return new ProviderUnavailableError(
    `Ollama is not running at ${context.host} (connection refused). Start it with \`ollama serve\` (or open the Ollama app), or point the provider at the right address with the host setting or OLLAMA_HOST.`,
    { provider: context.provider, model: context.model, cause },
  );
}

/** Whether a failure, or any error in its `cause` chain, is ECONNREFUSED. */
export function isConnectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    if (Reflect.get(current, 'code') === 'ECONNREFUSED') return true;
    // `localhost` may resolve to ::1 and 127.0.0.1: both refusals come as an AggregateError.
    const errors: unknown = Reflect.get(current, 'errors');
    if (Array.isArray(errors) && errors.some(isConnectionRefused)) return true;
    current = Reflect.get(current, 'cause');
  }
  return false;
}
