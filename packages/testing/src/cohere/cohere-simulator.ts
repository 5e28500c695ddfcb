import { isRecord } from '@stratum/core/provider-kit';
import { answerCommonStep, isCommonStep } from '../simulator/answer-common-step.js';
import {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import { replayRecordedNamedEvents, streamNamedEvents } from '../simulator/named-events.js';
import type { RecordedRequest, SimulatedUsage, SimulatorStep } from '../simulator/scenario.js';
import { pause, sendJson, writeEvent } from '../simulator/write-helpers.js';
import { cohereErrorBody } from './cohere-errors.js';
import { renderCohereResponse, renderCohereStreamEvents } from './render-cohere-response.js';

/** A running Cohere simulator; `baseURL` is what `new CohereClientV2({ baseUrl })` takes. */
export interface CohereSimulator extends Simulator {
  readonly baseURL: string;
}

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  return isRecord(request.body) ? request.body : {};
}

/**
 * A local stand-in for Cohere's chat API v2 (`POST /v2/chat`, https://docs.cohere.com/reference/chat)
 * on 127.0.0.1: JSON responses, SSE streams of named v2 events, `{ id, message }` error bodies.
 */
export async function startCohereSimulator(): Promise<CohereSimulator> {
  const simulator = await startHttpSimulator(createCohereHandler());
  return Object.assign(simulator, { baseURL: simulator.origin });
}

function promptCharacters(body: Record<string, unknown>): number {
  return JSON.stringify(body['messages'] ?? []).length;
}

export function createCohereHandler(): VendorHandler {
  return {
    defaultStep: () => ({ kind: 'reply', reply: { text: 'Hello from the Cohere simulator.' } }),
    answerWithoutStep(exchange) {
      const { request } = exchange;
      const path = request.url.split('?')[0];
      const body = bodyOf(request);
      let problem: { status: number; message: string } | undefined;
      if (request.method !== 'POST' || path !== '/v2/chat') {
        problem = { status: 404, message: `${request.method} ${path} is not an endpoint here.` };
      } else if (!request.headers['authorization']?.startsWith('Bearer ')) {
        problem = { status: 401, message: 'no api key supplied' };
      } else if (typeof body['model'] !== 'string') {
        problem = { status: 400, message: 'invalid request: model must be specified' };
      } else if (!Array.isArray(body['messages']) || body['messages'].length === 0) {
        problem = { status: 400, message: 'invalid request: messages must not be empty' };
      }
      if (!problem) return false;
      sendJson(exchange, problem.status, cohereErrorBody(problem.status, problem.message));
      return true;
    },
    async handle(exchange, step) {
      if (isCommonStep(step)) return answerCommonStep(exchange, step, replayRecordedNamedEvents);
      switch (step.kind) {
        case 'error':
          await pause(exchange, step.delayMs);
          sendJson(exchange, step.status, cohereErrorBody(step.status, step.message), {
            ...(step.status === 429 ? { 'retry-after': '3' } : {}),
            ...step.headers,
          });
          return;
      }
      await answer(exchange, step);
    },
  };
}

type AnswerStep = Extract<SimulatorStep, { reply: unknown }>;

async function answer(exchange: Exchange, step: AnswerStep): Promise<void> {
  const body = bodyOf(exchange.request);
  const usage: SimulatedUsage = step.reply.usage ?? {
    inputTokens: Math.max(1, Math.ceil(promptCharacters(body) / 4)),
    outputTokens: Math.max(1, Math.ceil((step.reply.text?.length ?? 0) / 4)),
  };
  if (step.kind === 'reply') await pause(exchange, step.delayMs);
  if (body['stream'] !== true) {
    if (step.kind === 'stream-error') {
      sendJson(exchange, step.status, cohereErrorBody(step.status, step.message));
      return;
    }
    sendJson(exchange, 200, renderCohereResponse(step.reply, usage));
    return;
  }
  const events = renderCohereStreamEvents(step.reply, usage, step.chunkSize);
  const malformed = {
    data: '{"type":"content-delta","index":0,"delta":{"mess',
    event: 'content-delta',
  };
  if (!(await streamNamedEvents(exchange, events, step, malformed))) return;
  if (step.kind === 'stream-error') {
    // Cohere ends a failed generation with `message-end`, finish_reason ERROR and the error text.
    await writeEvent(
      exchange,
      JSON.stringify({
        type: 'message-end',
        delta: { finish_reason: 'ERROR', error: step.message ?? 'internal server error' },
      }),
      'message-end',
    );
  }
  exchange.response.end();
}
