import type { OpenAIErrorBody } from '../openai/openai-error-bodies.js';
import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import { isObject, type JsonObject } from '../openai/render-openai-completion.js';
import { startHttpSimulator, type VendorHandler } from '../simulator/http-simulator.js';
import type { SimulatedUsage } from '../simulator/scenario.js';
import { pause, sendJson } from '../simulator/write-helpers.js';

/** A model as `GET /api/tags` lists it. https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models */
export interface OllamaLocalModel {
  name: string;
  /** Bytes on disk. */
  size?: number;
  family?: string;
  parameterSize?: string;
  quantizationLevel?: string;
}

export interface OllamaSimulatorOptions {
  /** The models `/api/tags` lists (default: llama3.2 and qwen3). */
  models?: OllamaLocalModel[];
}

/** Ollama's OpenAI-compatible usage: token counts only. */
export function renderOllamaUsage(usage: SimulatedUsage): JsonObject {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/**
 * The error body of Ollama's `/v1` endpoints: OpenAI's shape with `type: "api_error"`, e.g. a
 * model that was never pulled is a 404 `model "x" not found, try pulling it first`.
 * https://github.com/ollama/ollama/blob/main/docs/openai.md
 */
export function ollamaErrorBody(status: number, model: string, message?: string): OpenAIErrorBody {
  const fallback =
    status === 404
      ? `model "${model}" not found, try pulling it first`
      : status === 400
        ? 'invalid message format'
        : status === 503
          ? 'server busy, please try again.  maximum pending requests exceeded'
          : 'an error was encountered while running the model';
  return {
    error: {
      message: message ?? fallback,
      type: status >= 500 ? 'api_error' : 'invalid_request_error',
      param: null,
      code: null,
    },
  };
}

const DEFAULT_MODELS: OllamaLocalModel[] = [
  {
    name: 'llama3.2:latest',
    size: 2_019_393_189,
    family: 'llama',
    parameterSize: '3.2B',
    quantizationLevel: 'Q4_K_M',
  },
  {
    name: 'qwen3:8b',
    size: 5_225_387_923,
    family: 'qwen3',
    parameterSize: '8.2B',
    quantizationLevel: 'Q4_K_M',
  },
];

/**
 * A local Ollama: the OpenAI-compatible API under `/v1` (with `reasoning` deltas for thinking
 * models) and the native `GET /api/tags` model list. No key is needed.
 */
export async function startOllamaSimulator(
  options: OllamaSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createOllamaHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/v1` });
}

export function createOllamaHandler(options: OllamaSimulatorOptions = {}): VendorHandler {
  const models = options.models ?? DEFAULT_MODELS;
  const base = createOpenAIHandler({
    pathPrefix: '/v1',
    reasoningField: 'reasoning',
    renderUsage: renderOllamaUsage,
    models: models.map((model) => model.name),
    decorateBody: (body) => ({ ...body, system_fingerprint: 'fp_ollama' }),
    decorateError: (body, status) => ollamaErrorBody(status, '', body.error.message),
  });
  return {
    defaultStep: (request) => base.defaultStep(request),
    answerWithoutStep(exchange) {
      const { method, url } = exchange.request;
      const path = url.split('?')[0];
      if (method === 'GET' && path === '/api/tags') {
        sendJson(exchange, 200, { models: models.map(renderTag) });
        return true;
      }
      if (method === 'GET' && path === '/api/version') {
        sendJson(exchange, 200, { version: '0.12.6' });
        return true;
      }
      if (method === 'GET' && path === '/') {
        exchange.response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        exchange.response.end('Ollama is running');
        return true;
      }
      return base.answerWithoutStep?.(exchange) ?? false;
    },
    async handle(exchange, step) {
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      const body = isObject(exchange.request.body) ? exchange.request.body : {};
      const model = typeof body['model'] === 'string' ? body['model'] : '';
      sendJson(
        exchange,
        step.status,
        ollamaErrorBody(step.status, model, step.message),
        step.headers,
      );
    },
  };
}

function renderTag(model: OllamaLocalModel): JsonObject {
  return {
    name: model.name,
    model: model.name,
    modified_at: '2025-10-01T12:00:00.000000000Z',
    size: model.size ?? 0,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: {
      parent_model: '',
      format: 'gguf',
      family: model.family ?? 'llama',
      families: [model.family ?? 'llama'],
      parameter_size: model.parameterSize ?? '',
      quantization_level: model.quantizationLevel ?? '',
    },
  };
}
