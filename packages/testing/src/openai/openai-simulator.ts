import {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import type {
  RecordedRequest,
  SimulatedReply,
  SimulatedUsage,
  StreamShape,
} from '../simulator/scenario.js';
import {
  disconnect,
  hang,
  pause,
  sendJson,
  startEventStream,
  writeEvent,
} from '../simulator/write-helpers.js';
import {
  type OpenAIErrorBody,
  openAIErrorBody,
  openAIErrorHeaders,
} from './openai-error-bodies.js';
import { renderOpenAIChunks } from './render-openai-chunks.js';
import {
  type CompletionContext,
  estimateUsage,
  isObject,
  type JsonObject,
  renderOpenAICompletion,
  renderOpenAIUsage,
} from './render-openai-completion.js';

/**
 * The points where OpenAI-compatible vendors differ from OpenAI, so their simulators can reuse
 * this one. Everything defaults to OpenAI's own behaviour.
 */
export interface OpenAISimulatorOptions {
  /** Path before `/chat/completions` and `/models`: `/v1` (default), Groq `/openai/v1`, OpenRouter `/api/v1`. */
  pathPrefix?: string;
  /** Extra headers on every response. */
  headers?: Record<string, string>;
  /**
   * The message/delta field carrying reasoning text: DeepSeek and xAI `reasoning_content`,
   * Groq and OpenRouter `reasoning`. OpenAI sends no reasoning text, so by default none is sent.
   */
  reasoningField?: string;
  /** Renders the `usage` object (default: OpenAI's fields); for vendors with other usage fields. */
  renderUsage?: (usage: SimulatedUsage) => JsonObject;
  /** Last change to a `chat.completion` body before it is sent. */
  decorateBody?: (body: JsonObject, request: RecordedRequest) => JsonObject;
  /** Last change to each `chat.completion.chunk` before it is sent. */
  decorateChunk?: (chunk: JsonObject, request: RecordedRequest) => JsonObject;
  /** Last change to an error body (HTTP or in-stream) before it is sent. */
  decorateError?: (body: OpenAIErrorBody, status: number) => unknown;
  /** Model ids listed by `GET {pathPrefix}/models`. */
  models?: string[];
  /** The reply when no step is queued (default: a short echo of the last user message). */
  defaultReply?: (request: RecordedRequest) => SimulatedReply;
}

export interface OpenAISimulator extends Simulator {
  /** `${origin}${pathPrefix}`: the `baseURL` to give the OpenAI SDK. */
  readonly baseURL: string;
}

const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'o3-mini', 'gpt-5-mini'];

/** Starts a local OpenAI Chat Completions API on 127.0.0.1 with a random port. */
export async function startOpenAISimulator(
  options: OpenAISimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createOpenAIHandler(options));
  return Object.assign(simulator, {
    baseURL: `${simulator.origin}${options.pathPrefix ?? '/v1'}`,
  });
}

/** The handler behind `startOpenAISimulator`, for simulators that wrap it. */
export function createOpenAIHandler(options: OpenAISimulatorOptions = {}): VendorHandler {
  const prefix = options.pathPrefix ?? '/v1';
  const renderUsage = options.renderUsage ?? renderOpenAIUsage;
  let counter = 0;

  const headersFor = (request: RecordedRequest, extra: Record<string, string> = {}) => ({
    'x-request-id': `req_simulator_${request.receivedAt}_${counter}`,
    'openai-processing-ms': '12',
    ...options.headers,
    ...extra,
  });

  const sendError = (
    exchange: Exchange,
    status: number,
    body: OpenAIErrorBody,
    headers: Record<string, string> = {},
  ) => {
    const rendered = options.decorateError ? options.decorateError(body, status) : body;
    sendJson(exchange, status, rendered, headersFor(exchange.request, headers));
  };

  return {
    defaultStep(request) {
      const reply = options.defaultReply?.(request) ?? {
        text: `You said: ${lastUserText(request).slice(0, 60)}`,
      };
      return { kind: 'reply', reply };
    },

    answerWithoutStep(exchange) {
      const { method, url, body } = exchange.request;
      const path = url.split('?')[0] ?? url;
      if (method === 'GET' && path === `${prefix}/models`) {
        const data = (options.models ?? DEFAULT_MODELS).map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'system',
        }));
        sendJson(exchange, 200, { object: 'list', data }, headersFor(exchange.request));
        return true;
      }
      if (method !== 'POST' || !path.startsWith(prefix) || !path.endsWith('/chat/completions')) {
        sendError(exchange, 404, {
          error: {
            message: `Invalid URL (${method} ${path})`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        });
        return true;
      }
      const invalid = !isObject(body)
        ? 'We could not parse the JSON body of your request.'
        : typeof body['model'] !== 'string'
          ? 'you must provide a model parameter'
          : !Array.isArray(body['messages'])
            ? "Missing required parameter: 'messages'."
            : undefined;
      if (invalid) {
        sendError(exchange, 400, openAIErrorBody(400, '', { message: invalid }));
        return true;
      }
      return false;
    },

    async handle(exchange, step) {
      counter += 1;
      const { request } = exchange;
      const body = isObject(request.body) ? request.body : {};
      const streamOptions = body['stream_options'];
      const streaming = body['stream'] === true;
      const includeUsage = isObject(streamOptions) && streamOptions['include_usage'] === true;
      const requestedModel = typeof body['model'] === 'string' ? body['model'] : 'gpt-4.1-mini';
      const contextFor = (reply: SimulatedReply): CompletionContext => ({
        id: `chatcmpl-simulator${String(counter).padStart(6, '0')}`,
        created: Math.floor(request.receivedAt / 1000),
        model: reply.model ?? requestedModel,
      });

      const chunksOf = (reply: SimulatedReply, shape: StreamShape): string[] => {
        const usage = reply.usage ?? estimateUsage(request, reply);
        const chunks = renderOpenAIChunks(reply, usage, contextFor(reply), {
          includeUsage,
          chunkSize: shape.chunkSize,
          reasoningField: options.reasoningField,
          renderUsage,
        });
        return chunks.map((chunk) =>
          JSON.stringify(options.decorateChunk ? options.decorateChunk(chunk, request) : chunk),
        );
      };

      const writeChunks = async (chunks: string[], shape: StreamShape): Promise<boolean> => {
        for (const [index, data] of chunks.entries()) {
          if (index > 0) await pause(exchange, shape.chunkDelayMs);
          if (exchange.isClosed()) return false;
          await writeEvent(exchange, data, undefined, { splitMultibyte: shape.splitMultibyte });
        }
        return !exchange.isClosed();
      };

      const finishStream = async () => {
        await writeEvent(exchange, '[DONE]');
        exchange.response.end();
      };

      switch (step.kind) {
        case 'reply': {
          await pause(exchange, step.delayMs);
          if (exchange.isClosed()) return;
          if (!streaming) {
            const usage = step.reply.usage ?? estimateUsage(request, step.reply);
            const completion = renderOpenAICompletion(step.reply, usage, contextFor(step.reply), {
              reasoningField: options.reasoningField,
              renderUsage,
            });
            const rendered = options.decorateBody
              ? options.decorateBody(completion, request)
              : completion;
            sendJson(exchange, 200, rendered, headersFor(request));
            return;
          }
          startEventStream(exchange, headersFor(request));
          if (await writeChunks(chunksOf(step.reply, step), step)) await finishStream();
          return;
        }
        case 'error': {
          await pause(exchange, step.delayMs);
          if (exchange.isClosed()) return;
          const errorBody = openAIErrorBody(step.status, requestedModel, step);
          sendError(exchange, step.status, errorBody, {
            ...openAIErrorHeaders(step.status),
            ...step.headers,
          });
          return;
        }
        case 'disconnect': {
          if (streaming) {
            startEventStream(exchange, headersFor(request));
            await writeChunks(chunksOf(step.reply, step).slice(0, step.afterChunks), step);
          }
          await disconnect(exchange);
          return;
        }
        case 'malformed-chunk': {
          const broken = `{"id":"chatcmpl-simulator","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"unterminated`;
          if (!streaming) {
            sendJson(exchange, 200, broken, headersFor(request));
            return;
          }
          startEventStream(exchange, headersFor(request));
          if (await writeChunks(chunksOf(step.reply, step).slice(0, step.afterChunks), step)) {
            await writeEvent(exchange, broken);
            await hang(exchange);
          }
          return;
        }
        case 'stream-error': {
          const errorBody = openAIErrorBody(step.status, requestedModel, step);
          if (!streaming) {
            sendError(exchange, step.status, errorBody, openAIErrorHeaders(step.status));
            return;
          }
          startEventStream(exchange, headersFor(request));
          if (await writeChunks(chunksOf(step.reply, step).slice(0, step.afterChunks), step)) {
            const rendered = options.decorateError
              ? options.decorateError(errorBody, step.status)
              : errorBody;
            await writeEvent(exchange, JSON.stringify(rendered));
            exchange.response.end();
          }
          return;
        }
        case 'hang':
          await hang(exchange);
          return;
        case 'recorded': {
          if (step.chunks === undefined) {
            sendJson(exchange, step.status ?? 200, step.json ?? '', headersFor(request));
            return;
          }
          startEventStream(exchange, headersFor(request));
          const shape = { chunkDelayMs: step.chunkDelayMs };
          if (await writeChunks(step.chunks, shape)) await finishStream();
          return;
        }
        case 'raw':
          exchange.response.writeHead(step.status, step.headers ?? {});
          exchange.response.end(step.body);
          return;
      }
    },
  } satisfies VendorHandler;
}

function lastUserText(request: RecordedRequest): string {
  const body = isObject(request.body) ? request.body : {};
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message: unknown = messages[index];
    if (!isObject(message) || message['role'] !== 'user') continue;
    const content = message['content'];
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content
        .map((part: unknown) =>
          isObject(part) && typeof part['text'] === 'string' ? part['text'] : '',
        )
        .join('');
    }
  }
  return '';
}
