import {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatedReply, StreamShape } from '../simulator/scenario.js';
import {
  disconnect,
  hang,
  pause,
  sendJson,
  startEventStream,
  writeEvent,
} from '../simulator/write-helpers.js';
import {
  type GoogleRpcErrorBody,
  googleErrorBody,
  invalidApiKeyBody,
  missingApiKeyBody,
} from './gemini-error-body.js';
import {
  apiKeyOf,
  contentsOf,
  invalidRequest,
  matchRoute,
  textOfContent,
} from './read-gemini-request.js';
import {
  estimateTokens,
  type GeminiRenderContext,
  renderGeminiChunks,
  renderGeminiResponse,
} from './render-gemini-response.js';

export interface GoogleSimulatorOptions {
  /**
   * The only key accepted; any other answers 400 `API_KEY_INVALID` like Gemini. By default
   * every non-empty key is accepted. A request without a key always gets Gemini's 403.
   */
  apiKey?: string;
  /** Send `functionCall.id` on function calls (the Gemini Developer API usually omits it). */
  functionCallIds?: boolean;
  /** The reply when no step is queued (default: a short echo of the last user message). */
  defaultReply?: (request: RecordedRequest) => SimulatedReply;
}

export interface GoogleSimulator extends Simulator {
  /**
   * The origin to give `@google/genai` as `httpOptions.baseUrl` (the SDK adds `/v1beta`),
   * and `createGoogle({ baseURL })`.
   */
  readonly baseURL: string;
}

/**
 * Starts a local Gemini API (`generativelanguage.googleapis.com`) on 127.0.0.1 with a random
 * port, answering `generateContent` and `streamGenerateContent?alt=sse` with queued steps.
 */
export async function startGoogleSimulator(
  options: GoogleSimulatorOptions = {},
): Promise<GoogleSimulator> {
  const simulator = await startHttpSimulator(createGoogleHandler(options));
  return Object.assign(simulator, { baseURL: simulator.origin });
}

/** The handler behind `startGoogleSimulator`. */
export function createGoogleHandler(options: GoogleSimulatorOptions = {}): VendorHandler {
  let counter = 0;
  const sendError = (
    exchange: Exchange,
    status: number,
    body: GoogleRpcErrorBody,
    headers: Record<string, string> = {},
  ) => sendJson(exchange, status, JSON.stringify(body, null, 2), headers);

  return {
    defaultStep(request) {
      const reply = options.defaultReply?.(request);
      if (reply) return { kind: 'reply', reply };
      const lastUser = contentsOf(request.body).findLast((content) => content['role'] !== 'model');
      const said = lastUser ? textOfContent(lastUser).slice(0, 60) : '';
      return {
        kind: 'reply',
        reply: { text: said ? `You said: ${said}` : 'Hello from the Gemini simulator.' },
      };
    },

    answerWithoutStep(exchange) {
      const { request } = exchange;
      const route = matchRoute(request);
      if (!route) {
        const path = request.url.split('?')[0] ?? request.url;
        sendError(
          exchange,
          404,
          googleErrorBody(404, { message: `Method not found: ${request.method} ${path}` }),
        );
        return true;
      }
      const key = apiKeyOf(request);
      if (!key) {
        sendError(exchange, 403, missingApiKeyBody());
        return true;
      }
      if (options.apiKey !== undefined && key !== options.apiKey) {
        sendError(exchange, 400, invalidApiKeyBody());
        return true;
      }
      const invalid = invalidRequest(request.body);
      if (invalid) {
        sendError(exchange, 400, googleErrorBody(400, { message: invalid }));
        return true;
      }
      return false;
    },

    async handle(exchange, step) {
      counter += 1;
      const { request } = exchange;
      const route = matchRoute(request) ?? { model: 'gemini', streaming: false, sse: false };
      const context: GeminiRenderContext = {
        model: route.model,
        responseId: `simulated${String(counter).padStart(6, '0')}${request.receivedAt.toString(36)}`,
        functionCallIds: options.functionCallIds ?? false,
        estimatedPromptTokens: Math.max(
          1,
          contentsOf(request.body).reduce(
            (sum, content) => sum + estimateTokens(textOfContent(content)),
            0,
          ),
        ),
      };

      const chunksOf = (reply: SimulatedReply, shape: StreamShape): string[] =>
        renderGeminiChunks(reply, context, shape).map((chunk) => JSON.stringify(chunk));

      /** Writes SSE events (no event names, no `[DONE]`); false once the client has gone. */
      const writeChunks = async (chunks: string[], shape: StreamShape): Promise<boolean> => {
        for (const [index, data] of chunks.entries()) {
          if (index > 0) await pause(exchange, shape.chunkDelayMs);
          if (exchange.isClosed()) return false;
          await writeEvent(exchange, data, undefined, { splitMultibyte: shape.splitMultibyte });
        }
        return !exchange.isClosed();
      };

      switch (step.kind) {
        case 'reply': {
          await pause(exchange, step.delayMs);
          if (exchange.isClosed()) return;
          if (!route.streaming) {
            const body = renderGeminiResponse(step.reply, context);
            sendJson(exchange, 200, JSON.stringify(body, null, 2));
            return;
          }
          if (!route.sse) {
            // Without alt=sse Gemini streams one JSON array of responses.
            sendJson(exchange, 200, `[${chunksOf(step.reply, step).join(',\r\n')}]`);
            return;
          }
          startEventStream(exchange);
          if (await writeChunks(chunksOf(step.reply, step), step)) exchange.response.end();
          return;
        }
        case 'error': {
          await pause(exchange, step.delayMs);
          if (exchange.isClosed()) return;
          const retryAfter = Number(step.headers?.['retry-after']);
          const body = googleErrorBody(step.status, {
            vendorCode: step.vendorCode,
            message: step.message,
            model: route.model,
            retryDelaySeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
          });
          sendError(exchange, step.status, body, step.headers);
          return;
        }
        case 'disconnect': {
          if (!route.streaming) {
            exchange.socket.destroy();
            return;
          }
          startEventStream(exchange);
          const chunks = chunksOf(step.reply, step).slice(0, step.afterChunks);
          if (await writeChunks(chunks, step)) await disconnect(exchange);
          return;
        }
        case 'malformed-chunk': {
          if (!route.streaming) {
            exchange.response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
            exchange.response.end('{"candidates": [{"content": {"parts": [{"text": "cut');
            return;
          }
          startEventStream(exchange);
          const chunks = chunksOf(step.reply, step).slice(0, step.afterChunks);
          if (!(await writeChunks(chunks, step))) return;
          await writeEvent(exchange, '{"candidates": [{"content": {"parts": [{"text": "cut');
          await hang(exchange);
          return;
        }
        case 'stream-error': {
          const error = googleErrorBody(step.status, {
            vendorCode: step.vendorCode,
            message: step.message,
            model: route.model,
          });
          if (!route.streaming) {
            sendError(exchange, step.status, error);
            return;
          }
          startEventStream(exchange);
          const chunks = chunksOf(step.reply, step).slice(0, step.afterChunks);
          if (!(await writeChunks(chunks, step))) return;
          await writeEvent(exchange, JSON.stringify(error));
          exchange.response.end();
          return;
        }
        case 'hang':
          await hang(exchange);
          return;
        case 'recorded': {
          const status = step.status ?? 200;
          if (!route.streaming) {
            if (step.json === undefined) {
              throw new Error('the recorded step has no `json` body for a generateContent request');
            }
            sendJson(exchange, status, step.json);
            return;
          }
          const chunks =
            step.chunks ?? (step.json === undefined ? [] : [JSON.stringify(JSON.parse(step.json))]);
          startEventStream(exchange);
          if (await writeChunks(chunks, { chunkDelayMs: step.chunkDelayMs })) {
            exchange.response.end();
          }
          return;
        }
        case 'raw':
          exchange.response.writeHead(step.status, step.headers ?? {});
          exchange.response.end(step.body);
          return;
      }
    },
  };
}
