import { randomBytes } from 'node:crypto';
import { isRecord } from '@stratum/core/provider-kit';
import { openAIErrorBody, openAIErrorHeaders } from '../openai/openai-error-bodies.js';
import {
  createOpenAIHandler,
  type OpenAISimulator,
  type OpenAISimulatorOptions,
} from '../openai/openai-simulator.js';
import { answerCommonStep, isCommonStep } from '../simulator/answer-common-step.js';
import {
  type Exchange,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import { replayRecordedNamedEvents, streamNamedEvents } from '../simulator/named-events.js';
import type { RecordedRequest, SimulatedUsage, SimulatorStep } from '../simulator/scenario.js';
import { pause, sendJson, writeEvent } from '../simulator/write-helpers.js';
import {
  type ResponsesRenderContext,
  renderOutputItems,
  renderResponse,
  renderResponsesEvents,
} from './render-responses-output.js';

const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';

/**
 * A local OpenAI API that serves the Responses API (`POST /v1/responses`, JSON and SSE) next to
 * Chat Completions and `/v1/models` (from `startOpenAISimulator`), so one provider can be
 * tested on both APIs. https://platform.openai.com/docs/api-reference/responses
 */
export async function startOpenAIResponsesSimulator(
  options: OpenAISimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createOpenAIResponsesHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/v1` });
}

function isResponsesCall(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.url.split('?')[0] === '/v1/responses';
}

function renderContext(request: RecordedRequest): ResponsesRenderContext {
  const body = isRecord(request.body) ? request.body : {};
  const include = Array.isArray(body['include']) ? body['include'] : [];
  return {
    model: typeof body['model'] === 'string' ? body['model'] : 'gpt-5-mini',
    encryptedReasoning: include.includes('reasoning.encrypted_content'),
    store: body['store'] !== false,
    createdAt: Math.floor(request.receivedAt / 1000),
  };
}

/** The error body for a status; `insufficient_quota` is sent with its own type and message. */
function errorBody(status: number, model: string, vendorCode?: string, message?: string) {
  if (vendorCode === 'insufficient_quota') {
    return {
      error: {
        message: message ?? QUOTA_MESSAGE,
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    };
  }
  return openAIErrorBody(status, model, { vendorCode, message });
}

export function createOpenAIResponsesHandler(options: OpenAISimulatorOptions = {}): VendorHandler {
  const base = createOpenAIHandler(options);
  return {
    defaultStep: (request) => base.defaultStep(request),
    async answerWithoutStep(exchange) {
      if (!isResponsesCall(exchange.request))
        return (await base.answerWithoutStep?.(exchange)) ?? false;
      const { body, headers } = exchange.request;
      const problem = !headers['authorization']?.startsWith('Bearer ')
        ? { status: 401, message: 'You did not provide an API key.' }
        : !isRecord(body)
          ? { status: 400, message: 'We could not parse the JSON body of your request.' }
          : typeof body['model'] !== 'string'
            ? { status: 400, message: "Missing required parameter: 'model'." }
            : body['input'] === undefined
              ? { status: 400, message: "Missing required parameter: 'input'." }
              : undefined;
      if (!problem) return false;
      sendJson(
        exchange,
        problem.status,
        openAIErrorBody(problem.status, '', { message: problem.message }),
      );
      return true;
    },
    async handle(exchange, step) {
      if (!isResponsesCall(exchange.request)) return base.handle(exchange, step);
      const context = renderContext(exchange.request);
      if (isCommonStep(step)) return answerCommonStep(exchange, step, replayRecordedNamedEvents);
      switch (step.kind) {
        case 'error':
          await pause(exchange, step.delayMs);
          sendJson(
            exchange,
            step.status,
            errorBody(step.status, context.model, step.vendorCode, step.message),
            {
              ...openAIErrorHeaders(step.status),
              ...step.headers,
            },
          );
          return;
      }
      await answer(exchange, step, context);
    },
  };
}

type AnswerStep = Extract<SimulatorStep, { reply: unknown }>;

async function answer(
  exchange: Exchange,
  step: AnswerStep,
  context: ResponsesRenderContext,
): Promise<void> {
  const body = isRecord(exchange.request.body) ? exchange.request.body : {};
  const usage: SimulatedUsage = step.reply.usage ?? {
    inputTokens: Math.max(1, Math.ceil(JSON.stringify(body['input'] ?? '').length / 4)),
    outputTokens: Math.max(1, Math.ceil((step.reply.text?.length ?? 0) / 4)),
  };
  const id = `resp_${randomBytes(24).toString('hex')}`;
  if (step.kind === 'reply') await pause(exchange, step.delayMs);
  if (body['stream'] !== true) {
    if (step.kind === 'stream-error') {
      sendJson(
        exchange,
        step.status,
        errorBody(step.status, context.model, step.vendorCode, step.message),
      );
      return;
    }
    const output = renderOutputItems(step.reply, context);
    sendJson(exchange, 200, renderResponse(id, step.reply, output, usage, context));
    return;
  }
  const events = renderResponsesEvents(id, step.reply, usage, context, step.chunkSize);
  const malformed = {
    data: '{"type":"response.output_text.delta","delta":"unterm',
    event: 'response.output_text.delta',
  };
  if (!(await streamNamedEvents(exchange, events, step, malformed))) return;
  if (step.kind === 'stream-error') {
    // An `error` event, then `response.failed` carrying the same code (as the API sends them).
    const failure = errorBody(step.status, context.model, step.vendorCode, step.message).error;
    const sequence = step.afterChunks;
    await writeEvent(
      exchange,
      JSON.stringify({ type: 'error', sequence_number: sequence, error: failure }),
      'error',
    );
    const failed = {
      ...renderResponse(id, step.reply, [], null, context, 'failed'),
      error: { code: failure.code ?? failure.type, message: failure.message },
    };
    await writeEvent(
      exchange,
      JSON.stringify({ type: 'response.failed', sequence_number: sequence + 1, response: failed }),
      'response.failed',
    );
  }
  exchange.response.end();
}
