import { isRecord } from '@stratum/core/provider-kit';
import {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatedReply, SimulatorStep } from '../simulator/scenario.js';
import {
  disconnect,
  hang,
  pause,
  sendJson,
  startEventStream,
  writeEvent,
} from '../simulator/write-helpers.js';
import {
  anthropicErrorBody,
  anthropicErrorType,
  anthropicId,
  anthropicStreamErrorData,
  rateLimitHeaders,
} from './anthropic-errors.js';
import {
  type AnthropicEvent,
  estimatedUsage,
  renderMessage,
  renderStreamEvents,
} from './render-anthropic-message.js';
import {
  lastUserText,
  promptCharacters,
  validateAnthropicRequest,
} from './validate-anthropic-request.js';

export interface AnthropicSimulatorOptions {
  /** The reply when no step is queued (default: a short echo of the last user message). */
  defaultReply?: (request: RecordedRequest) => SimulatedReply;
}

/** A running Anthropic simulator; `baseURL` is what `new Anthropic({ baseURL })` takes. */
export interface AnthropicSimulator extends Simulator {
  /** The origin; the SDK appends `/v1/messages`. */
  readonly baseURL: string;
}

/**
 * A local stand-in for the Messages API (`POST /v1/messages`) on 127.0.0.1 and a random port,
 * answering queued steps in Anthropic's documented formats.
 */
export async function startAnthropicSimulator(
  options: AnthropicSimulatorOptions = {},
): Promise<AnthropicSimulator> {
  const simulator = await startHttpSimulator(createAnthropicHandler(options));
  // Assigning onto the simulator itself keeps its live getters (abortedConnections).
  return Object.assign(simulator, { baseURL: simulator.origin });
}

interface StreamShape {
  chunkSize?: number;
  chunkDelayMs?: number;
  splitMultibyte?: boolean;
}

function wantsStream(request: RecordedRequest): boolean {
  return isRecord(request.body) && request.body['stream'] === true;
}

function requestedModel(request: RecordedRequest): string {
  return isRecord(request.body) && typeof request.body['model'] === 'string'
    ? request.body['model']
    : 'claude-sonnet-4-5';
}

export function createAnthropicHandler(options: AnthropicSimulatorOptions = {}): VendorHandler {
  return {
    defaultStep(request) {
      const reply = options.defaultReply?.(request);
      if (reply) return { kind: 'reply', reply };
      const said = lastUserText(request.body).slice(0, 200);
      return {
        kind: 'reply',
        reply: { text: said ? `You said: ${said}` : 'Hello from the Anthropic simulator.' },
      };
    },
    /**
     * What the API refuses before any model runs (another path, missing headers or fields) is
     * answered here, leaving the queued steps for real calls.
     */
    answerWithoutStep(exchange) {
      const { request } = exchange;
      const path = request.url.split('?')[0];
      const problem =
        request.method !== 'POST' || path !== '/v1/messages'
          ? {
              status: 404,
              type: 'not_found_error',
              message: `${request.method} ${path} is not an endpoint of this simulator; it serves POST /v1/messages.`,
            }
          : validateAnthropicRequest(request);
      if (!problem) return false;
      const requestId = anthropicId('req');
      sendJson(
        exchange,
        problem.status,
        anthropicErrorBody(problem.type, problem.message, requestId),
        {
          'request-id': requestId,
        },
      );
      return true;
    },
    async handle(exchange, step) {
      const requestId = anthropicId('req');
      switch (step.kind) {
        case 'raw':
          exchange.response.writeHead(step.status, step.headers ?? {});
          exchange.response.end(step.body);
          return;
        case 'recorded':
          await replayRecorded(exchange, step, requestId);
          return;
        case 'hang':
          await hang(exchange);
          return;
        case 'error': {
          await pause(exchange, step.delayMs);
          const known = anthropicErrorType(step.status);
          const headers = {
            'request-id': requestId,
            ...(step.status === 429 ? rateLimitHeaders() : {}),
            ...step.headers,
          };
          const body = anthropicErrorBody(
            step.vendorCode ?? known.type,
            step.message ?? known.message,
            requestId,
          );
          sendJson(exchange, step.status, body, headers);
          return;
        }
      }
      await answer(exchange, step, requestId);
    },
  };
}

type AnswerStep = Extract<SimulatorStep, { reply: SimulatedReply }>;

async function answer(exchange: Exchange, step: AnswerStep, requestId: string): Promise<void> {
  const { request } = exchange;
  const model = requestedModel(request);
  const usage = step.reply.usage ?? estimatedUsage(promptCharacters(request.body), step.reply);
  if (step.kind === 'reply') await pause(exchange, step.delayMs);

  if (!wantsStream(request)) {
    const message = JSON.stringify(renderMessage(step.reply, model, usage));
    switch (step.kind) {
      case 'reply':
        sendJson(exchange, 200, message, { 'request-id': requestId });
        return;
      case 'disconnect':
        exchange.response.writeHead(200, {
          'content-type': 'application/json',
          'request-id': requestId,
        });
        exchange.response.write(message.slice(0, Math.floor(message.length / 2)));
        await disconnect(exchange);
        return;
      case 'malformed-chunk':
        sendJson(exchange, 200, message.slice(0, Math.floor(message.length / 2)), {
          'request-id': requestId,
        });
        return;
      case 'stream-error': {
        const known = anthropicErrorType(step.status);
        const body = anthropicErrorBody(
          step.vendorCode ?? known.type,
          step.message ?? known.message,
          requestId,
        );
        sendJson(exchange, step.status, body, { 'request-id': requestId });
        return;
      }
    }
  }

  startEventStream(exchange, { 'request-id': requestId });
  const events = renderStreamEvents(step.reply, model, usage, step.chunkSize);
  const stopAfter = step.kind === 'reply' ? undefined : step.afterChunks;
  const completed = await writeEvents(exchange, events, step, stopAfter);
  if (completed || exchange.isClosed()) {
    exchange.response.end();
    return;
  }
  switch (step.kind) {
    case 'disconnect':
      await disconnect(exchange);
      return;
    case 'malformed-chunk':
      // A delta cut off mid-JSON, then silence: the client must fail on the bad data itself.
      await writeEvent(
        exchange,
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminat',
        'content_block_delta',
      );
      await hang(exchange);
      return;
    case 'stream-error': {
      const known = anthropicErrorType(step.status);
      await writeEvent(
        exchange,
        anthropicStreamErrorData(step.vendorCode ?? known.type, step.message ?? known.message),
        'error',
        {
          splitMultibyte: step.splitMultibyte,
        },
      );
      exchange.response.end();
      return;
    }
  }
}

/**
 * Writes events in order; returns false when it stopped after `stopAfter` events (pings are
 * not counted: they carry nothing a client keeps).
 */
async function writeEvents(
  exchange: Exchange,
  events: AnthropicEvent[],
  shape: StreamShape,
  stopAfter: number | undefined,
): Promise<boolean> {
  let written = 0;
  for (const event of events) {
    if (exchange.isClosed()) return false;
    if (event.event !== 'ping') {
      if (stopAfter !== undefined && written >= stopAfter) return false;
      written += 1;
    }
    await writeEvent(exchange, JSON.stringify(event.data), event.event, {
      splitMultibyte: shape.splitMultibyte,
    });
    await pause(exchange, shape.chunkDelayMs);
  }
  return true;
}

/** Replays a recorded body, or recorded chunks: each line is one event whose `type` names it. */
async function replayRecorded(
  exchange: Exchange,
  step: Extract<SimulatorStep, { kind: 'recorded' }>,
  requestId: string,
): Promise<void> {
  if (step.chunks) {
    exchange.response.writeHead(step.status ?? 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'request-id': requestId,
    });
    for (const line of step.chunks) {
      if (line.trim() === '') continue;
      await writeEvent(exchange, line, eventName(line));
      await pause(exchange, step.chunkDelayMs);
    }
    exchange.response.end();
    return;
  }
  sendJson(exchange, step.status ?? 200, step.json ?? '', { 'request-id': requestId });
}

function eventName(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return isRecord(parsed) && typeof parsed['type'] === 'string' ? parsed['type'] : undefined;
  } catch {
    return undefined;
  }
}
