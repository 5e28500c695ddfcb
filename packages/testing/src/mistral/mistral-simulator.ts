import { createOpenAIHandler, type OpenAISimulator } from '../openai/openai-simulator.js';
import {
  type CompletionContext,
  estimateUsage,
  isObject,
} from '../openai/render-openai-completion.js';
import {
  type Exchange,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatorStep } from '../simulator/scenario.js';
import { pause, sendJson, startEventStream, writeEvent } from '../simulator/write-helpers.js';
import { mistralErrorBody, mistralExtraFieldsBody } from './mistral-errors.js';
import { renderMistralChunks, renderMistralCompletion } from './render-mistral-chunks.js';

/** Fields OpenAI takes that Mistral's schema forbids (Mistral says `random_seed`, `max_tokens`). */
const FORBIDDEN_FIELDS = ['seed', 'stream_options', 'max_completion_tokens'];
const TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/;

export interface MistralSimulatorOptions {
  models?: string[];
}

/**
 * A local Mistral API (`/v1/chat/completions`) that answers in Mistral's format — `thinking`
 * content parts, whole tool calls in stream deltas, usage on the last chunk — and rejects what
 * Mistral rejects: OpenAI-only fields (422), tool-call ids that are not nine alphanumerics, a
 * trailing assistant message without `prefix: true` (400).
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export async function startMistralSimulator(
  options: MistralSimulatorOptions = {},
): Promise<OpenAISimulator> {
  const simulator = await startHttpSimulator(createMistralHandler(options));
  return Object.assign(simulator, { baseURL: `${simulator.origin}/v1` });
}

export function createMistralHandler(options: MistralSimulatorOptions = {}): VendorHandler {
  let counter = 0;
  const base = createOpenAIHandler({
    pathPrefix: '/v1',
    models: options.models ?? [
      'mistral-small-latest',
      'mistral-large-latest',
      'magistral-medium-latest',
    ],
    decorateError: (body, status) => mistralErrorBody(status, { message: body.error.message }),
  });

  const contextFor = (request: RecordedRequest, model: string | undefined): CompletionContext => {
    const body = isObject(request.body) ? request.body : {};
    return {
      id: `5319bd0299614c679a0068a4f2c8${String(counter).padStart(4, '0')}`,
      created: Math.floor(request.receivedAt / 1000),
      model: model ?? (typeof body['model'] === 'string' ? body['model'] : 'mistral-small-latest'),
    };
  };

  const reply = async (exchange: Exchange, step: Extract<SimulatorStep, { kind: 'reply' }>) => {
    const { request } = exchange;
    await pause(exchange, step.delayMs);
    if (exchange.isClosed()) return;
    const usage = step.reply.usage ?? estimateUsage(request, step.reply);
    const context = contextFor(request, step.reply.model);
    const body = isObject(request.body) ? request.body : {};
    if (body['stream'] !== true) {
      sendJson(exchange, 200, renderMistralCompletion(step.reply, usage, context));
      return;
    }
    startEventStream(exchange);
    const chunks = renderMistralChunks(step.reply, usage, context, step.chunkSize);
    for (const [index, chunk] of chunks.entries()) {
      if (index > 0) await pause(exchange, step.chunkDelayMs);
      if (exchange.isClosed()) return;
      await writeEvent(exchange, JSON.stringify(chunk), undefined, {
        splitMultibyte: step.splitMultibyte,
      });
    }
    await writeEvent(exchange, '[DONE]');
    exchange.response.end();
  };

  return {
    defaultStep: (request) => base.defaultStep(request),
    async answerWithoutStep(exchange) {
      if (await base.answerWithoutStep?.(exchange)) return true;
      if (exchange.request.method !== 'POST') return false;
      const body = isObject(exchange.request.body) ? exchange.request.body : {};
      const extra = FORBIDDEN_FIELDS.filter((field) => field in body);
      if (extra.length > 0) {
        sendJson(exchange, 422, mistralExtraFieldsBody(extra, body));
        return true;
      }
      const problem = messageProblem(body['messages']);
      if (problem) {
        sendJson(exchange, 400, mistralErrorBody(400, { message: problem, vendorCode: '3230' }));
        return true;
      }
      return false;
    },
    async handle(exchange, step) {
      counter += 1;
      if (step.kind === 'reply') return reply(exchange, step);
      if (step.kind !== 'error') return base.handle(exchange, step);
      await pause(exchange, step.delayMs);
      sendJson(exchange, step.status, mistralErrorBody(step.status, step), step.headers);
    },
  };
}

/** What Mistral says about tool-call ids and message order it cannot take. */
function messageProblem(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (const message of messages) {
    if (!isObject(message)) continue;
    const ids: unknown[] = [];
    if (Array.isArray(message['tool_calls'])) {
      for (const call of message['tool_calls']) if (isObject(call)) ids.push(call['id']);
    }
    if (message['role'] === 'tool') ids.push(message['tool_call_id']);
    for (const id of ids) {
      if (typeof id !== 'string' || !TOOL_CALL_ID.test(id)) {
        return `Tool call id was ${String(id)} but must be a-z, A-Z, 0-9, with a length of 9.`;
      }
    }
  }
  const last: unknown = messages.at(-1);
  if (isObject(last) && last['role'] === 'assistant' && last['prefix'] !== true) {
    return 'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant';
  }
  return undefined;
}
