import { randomUUID } from 'node:crypto';
import { isRecord } from '@stratum/core/provider-kit';
import { answerCommonStep, isCommonStep } from '../simulator/answer-common-step.js';
import {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from '../simulator/http-simulator.js';
import type { RecordedRequest, SimulatedUsage, SimulatorStep } from '../simulator/scenario.js';
import {
  disconnect,
  hang,
  multibyteCut,
  pause,
  sendJson,
  sleep,
} from '../simulator/write-helpers.js';
import { bedrockException, streamExceptionType } from './bedrock-errors.js';
import { checkSigV4, type SigV4Expectation } from './check-sigv4.js';
import { eventFrame, exceptionFrame, malformedFrame } from './event-stream-frames.js';
import { renderConverseResponse, renderConverseStreamEvents } from './render-bedrock-response.js';
import { signatureMatches } from './verify-sigv4-signature.js';

type RecordedStep = Extract<SimulatorStep, { kind: 'recorded' }>;

export interface BedrockSimulatorOptions extends SigV4Expectation {
  /**
   * The secret key the client signs with. When given, every signature is recomputed with it and
   * must match; and it must never appear in a URL or a body.
   */
  secretAccessKey?: string;
}

/** A running Bedrock runtime simulator; `endpoint` is what `BedrockRuntimeClient({ endpoint })` takes. */
export interface BedrockSimulator extends Simulator {
  readonly endpoint: string;
  /** Requests whose URL or body carried a credential (should stay empty). */
  readonly credentialLeaks: RecordedRequest[];
}

const PATH = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/**
 * A local Bedrock runtime (`POST /model/{modelId}/converse` and `/converse-stream`) on
 * 127.0.0.1: Converse answers in JSON, ConverseStream in binary
 * `application/vnd.amazon.eventstream` frames encoded with the Smithy event-stream codec,
 * errors as `x-amzn-errortype` + `{ message }` or exception frames. Every request must carry a
 * SigV4 `Authorization` for the configured access key and region, else it gets the 403 AWS
 * sends. https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export async function startBedrockSimulator(
  options: BedrockSimulatorOptions,
): Promise<BedrockSimulator> {
  const credentialLeaks: RecordedRequest[] = [];
  const simulator = await startHttpSimulator(createBedrockHandler(options, credentialLeaks));
  return Object.assign(simulator, { endpoint: simulator.origin, credentialLeaks });
}

function sendException(exchange: Exchange, status: number, name: string, message: string): void {
  sendJson(
    exchange,
    status,
    { message },
    {
      'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': randomUUID(),
    },
  );
}

export function createBedrockHandler(
  options: BedrockSimulatorOptions,
  credentialLeaks: RecordedRequest[] = [],
): VendorHandler {
  return {
    defaultStep: () => ({ kind: 'reply', reply: { text: 'Hello from the Bedrock simulator.' } }),
    async answerWithoutStep(exchange) {
      const { request } = exchange;
      const secrets = [options.secretAccessKey, options.sessionToken].filter((secret) => secret);
      const body =
        typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '');
      if (
        secrets.some((secret) => secret && (request.url.includes(secret) || body.includes(secret)))
      ) {
        credentialLeaks.push(request);
      }
      const path = request.url.split('?')[0] ?? '';
      if (request.method !== 'POST' || !PATH.test(path)) {
        sendException(
          exchange,
          404,
          'UnknownOperationException',
          `${request.method} ${path} is not a Bedrock runtime operation here.`,
        );
        return true;
      }
      const problem = checkSigV4(request, options);
      if (problem) {
        sendException(exchange, 403, problem.name, problem.message);
        return true;
      }
      if (
        options.secretAccessKey &&
        !(await signatureMatches(request, { ...options, secretAccessKey: options.secretAccessKey }))
      ) {
        sendException(
          exchange,
          403,
          'InvalidSignatureException',
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        );
        return true;
      }
      if (!isRecord(request.body) || !Array.isArray(request.body['messages'])) {
        sendException(
          exchange,
          400,
          'ValidationException',
          'Malformed input request: messages is required.',
        );
        return true;
      }
      return false;
    },
    async handle(exchange, step) {
      const streaming = (exchange.request.url.split('?')[0] ?? '').endsWith('/converse-stream');
      const replay = (to: Exchange, recorded: RecordedStep): Promise<void> =>
        replayRecorded(to, recorded, streaming);
      if (isCommonStep(step)) return answerCommonStep(exchange, step, replay);
      switch (step.kind) {
        case 'error': {
          await pause(exchange, step.delayMs);
          const exception = bedrockException(step.status, step.vendorCode, step.message);
          sendException(exchange, exception.status, exception.name, exception.message);
          return;
        }
      }
      await answer(exchange, step, streaming);
    },
  };
}

type AnswerStep = Extract<SimulatorStep, { reply: unknown }>;

function startFrames(exchange: Exchange): void {
  exchange.response.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': randomUUID(),
  });
}

async function writeFrame(exchange: Exchange, frame: Uint8Array, split = false): Promise<void> {
  if (exchange.isClosed()) return;
  const bytes = Buffer.from(frame);
  const parts = split
    ? [bytes.subarray(0, multibyteCut(bytes)), bytes.subarray(multibyteCut(bytes))]
    : [bytes];
  for (const [index, part] of parts.entries()) {
    if (index > 0) await sleep(2);
    if (!exchange.response.write(part))
      await new Promise((resolve) => exchange.response.once('drain', resolve));
  }
}

async function answer(exchange: Exchange, step: AnswerStep, streaming: boolean): Promise<void> {
  const body = isRecord(exchange.request.body) ? exchange.request.body : {};
  const usage: SimulatedUsage = step.reply.usage ?? {
    inputTokens: Math.max(1, Math.ceil(JSON.stringify(body['messages'] ?? []).length / 4)),
    outputTokens: Math.max(1, Math.ceil((step.reply.text?.length ?? 0) / 4)),
  };
  if (step.kind === 'reply') await pause(exchange, step.delayMs);
  if (!streaming) {
    if (step.kind === 'stream-error') {
      const exception = bedrockException(step.status, step.vendorCode, step.message);
      sendException(exchange, exception.status, exception.name, exception.message);
      return;
    }
    sendJson(exchange, 200, renderConverseResponse(step.reply, usage), {
      'x-amzn-requestid': randomUUID(),
    });
    return;
  }
  startFrames(exchange);
  const events = renderConverseStreamEvents(step.reply, usage, step.chunkSize);
  const stopAfter = step.kind === 'reply' ? events.length : step.afterChunks;
  for (const event of events.slice(0, stopAfter)) {
    if (exchange.isClosed()) return;
    await writeFrame(exchange, eventFrame(event.type, event.payload), step.splitMultibyte);
    await pause(exchange, step.chunkDelayMs);
  }
  switch (step.kind) {
    case 'disconnect':
      await disconnect(exchange);
      return;
    case 'malformed-chunk':
      await writeFrame(exchange, malformedFrame('contentBlockDelta'));
      await hang(exchange);
      return;
    case 'stream-error': {
      const exception = bedrockException(step.status, step.vendorCode, step.message);
      await writeFrame(
        exchange,
        exceptionFrame(streamExceptionType(exception.name), exception.message),
      );
      break;
    }
  }
  exchange.response.end();
}

/**
 * Replays a recorded Converse body, or recorded ConverseStream events: each line is one decoded
 * event, `{ "<eventType>": payload }`, encoded back into its binary frame.
 */
async function replayRecorded(
  exchange: Exchange,
  step: RecordedStep,
  streaming: boolean,
): Promise<void> {
  if (!step.chunks || !streaming) {
    sendJson(exchange, step.status ?? 200, step.json ?? '', { 'x-amzn-requestid': randomUUID() });
    return;
  }
  startFrames(exchange);
  for (const line of step.chunks) {
    if (line.trim() === '') continue;
    const parsed: unknown = JSON.parse(line);
    if (!isRecord(parsed)) continue;
    for (const [type, payload] of Object.entries(parsed)) {
      await writeFrame(exchange, eventFrame(type, payload));
    }
    await pause(exchange, step.chunkDelayMs);
  }
  exchange.response.end();
}
