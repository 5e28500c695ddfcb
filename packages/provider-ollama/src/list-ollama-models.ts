import { InvalidResponseError, mapHttpError } from '@stratum/core';
import { isConnectionRefused, notRunning } from './map-ollama-error.js';

/** A model pulled into the local Ollama. */
export interface OllamaLocalModel {
  /** The name to use in model ids: `ollama/<name>`, e.g. `llama3.2:latest`. */
  name: string;
  /** Bytes on disk. */
  size: number;
  modifiedAt: string;
  family: string | undefined;
  parameterSize: string | undefined;
  quantizationLevel: string | undefined;
}

/**
 * Lists the local models from Ollama's native `GET /api/tags` (the OpenAI-compatible `/v1`
 * has no sizes or quantization levels).
 * https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
export async function listOllamaModels(options: {
  host: string;
  provider: string;
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  signal?: AbortSignal;
}): Promise<OllamaLocalModel[]> {
  let response: Response;
  try {
    response = await options.fetch(`${options.host}/api/tags`, {
      headers: options.headers,
      signal: options.signal,
    });
  } catch (error) {
    if (isConnectionRefused(error)) throw notRunning(options, error);
    throw error;
  }
  const text = await response.text();
  if (!response.ok) {
    throw mapHttpError({
      provider: options.provider,
      status: response.status,
      message: text.slice(0, 300),
      headers: response.headers,
    });
  }
  const models = modelsOf(text);
  if (!models) {
    throw new InvalidResponseError(
      `${options.host}/api/tags did not answer with a model list; is this address an Ollama server?`,
      { provider: options.provider },
    );
  }
  return models.map(toLocalModel);
}

function modelsOf(text: string): Array<Record<string, unknown>> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const models =
      typeof body === 'object' && body !== null ? Reflect.get(body, 'models') : undefined;
    return Array.isArray(models)
      ? models.filter(
          (model): model is Record<string, unknown> => typeof model === 'object' && model !== null,
        )
      : undefined;
  } catch {
    return undefined;
  }
}

function toLocalModel(model: Record<string, unknown>): OllamaLocalModel {
  const details =
    typeof model['details'] === 'object' && model['details'] !== null ? model['details'] : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    name: text(model['name']) ?? text(model['model']) ?? '',
    size: typeof model['size'] === 'number' ? model['size'] : 0,
    modifiedAt: text(model['modified_at']) ?? '',
    family: text(Reflect.get(details, 'family')),
    parameterSize: text(Reflect.get(details, 'parameter_size')),
    quantizationLevel: text(Reflect.get(details, 'quantization_level')),
  };
}
