import {
  ConfigurationError,
  type ModelInfo,
  type Provider,
  type ProviderChatResult,
  type ProviderRequest,
  type ProviderStreamEvent,
} from '@stratum/core';
import { abortableDelay } from './abortable-delay.js';
import {
  chatResultOf,
  failureError,
  isFailure,
  type MockResponse,
  textChunks,
  toolCallsOf,
  usageOf,
} from './mock-response.js';

/** Answers a call from the request and its number (1 for the first call). */
export type MockResponder = (
  request: ProviderRequest,
  callNumber: number,
) => MockResponse | Promise<MockResponse>;

export interface MockProviderOptions {
  /** The provider name used in model ids (`mock/any-model`); default `mock`. */
  name?: string;
  /**
   * A list answered in order (running out is a ConfigurationError), one response for every
   * call, or a function of the request.
   */
  responses: MockResponse | MockResponse[] | MockResponder;
  /** Catalog data for models the catalog lacks, e.g. prices to test cost. */
  resolveModelInfo?: (model: string) => ModelInfo | undefined;
}

export interface MockCall {
  method: 'chat' | 'stream';
  /** The request exactly as the provider received it. */
  request: ProviderRequest;
}

export interface MockProvider extends Provider {
  /** Every call received, in order. */
  readonly calls: MockCall[];
  /** Forgets the calls, and replaces the script when given one. */
  reset(responses?: MockProviderOptions['responses']): void;
}

/**
 * An in-process provider with scripted answers, for testing code built on Stratum without a
 * network: text, reasoning, tool calls, usage, errors, latency and streamed chunks. It honours
 * the request's abort signal like a real provider.
 */
export function createMockProvider(options: MockProviderOptions): MockProvider {
  const name = options.name ?? 'mock';
  let script = options.responses;
  let nextIndex = 0;
  const calls: MockCall[] = [];

  const responseFor = async (request: ProviderRequest): Promise<MockResponse> => {
    const callNumber = calls.length;
    if (typeof script === 'function') return script(request, callNumber);
    if (!Array.isArray(script)) return script;
    const response = script[nextIndex];
    if (response === undefined) {
      throw new ConfigurationError(
        `The mock provider "${name}" has no scripted response left for call ${callNumber} (it was given ${script.length}). Add responses, or pass a function as responses.`,
        { provider: name, model: request.model },
      );
    }
    nextIndex += 1;
    return response;
  };

  return {
    name,
    calls,
    resolveModelInfo: options.resolveModelInfo,
    reset(responses) {
      calls.length = 0;
      nextIndex = 0;
      if (responses !== undefined) script = responses;
    },

    async chat(request): Promise<ProviderChatResult> {
      calls.push({ method: 'chat', request });
      const callNumber = calls.length;
      const response = await responseFor(request);
      await abortableDelay(response.latencyMs, request.signal, name, request.model);
      if (isFailure(response)) throw failureError(response, name, request.model);
      return chatResultOf(response, request, callNumber);
    },

    async *stream(request): AsyncGenerator<ProviderStreamEvent> {
      calls.push({ method: 'stream', request });
      const callNumber = calls.length;
      const response = await responseFor(request);
      const pause = (milliseconds: number | undefined) =>
        abortableDelay(milliseconds, request.signal, name, request.model);
      await pause(response.latencyMs);

      if (isFailure(response)) {
        const chunks = textChunks(response).slice(0, response.afterChunks ?? 0);
        if (chunks.length > 0) yield { type: 'response-metadata', id: `mock-${callNumber}` };
        for (const text of chunks) {
          yield { type: 'text-delta', text };
          await pause(response.chunkDelayMs);
        }
        throw failureError(response, name, request.model);
      }

      yield {
        type: 'response-metadata',
        id: response.id ?? `mock-${callNumber}`,
        model: response.model ?? request.model,
      };
      if (response.warnings?.length) yield { type: 'warnings', warnings: response.warnings };
      if (response.reasoning) {
        yield { type: 'reasoning-delta', text: response.reasoning };
        await pause(response.chunkDelayMs);
      }
      for (const text of textChunks(response)) {
        yield { type: 'text-delta', text };
        await pause(response.chunkDelayMs);
      }
      const toolCalls = toolCallsOf(response, callNumber);
      for (const [index, toolCall] of toolCalls.entries()) {
        yield {
          type: 'tool-call-delta',
          index,
          id: toolCall.id,
          name: toolCall.name,
          argumentsDelta: toolCall.rawArguments,
        };
        yield { type: 'tool-call', toolCall };
        await pause(response.chunkDelayMs);
      }
      const finish: Extract<ProviderStreamEvent, { type: 'finish' }> = {
        type: 'finish',
        finishReason: response.finishReason ?? (toolCalls.length ? 'tool-calls' : 'stop'),
        usage: usageOf(response, request, toolCalls),
      };
      if (response.rawFinishReason !== undefined) finish.rawFinishReason = response.rawFinishReason;
      if (response.providerCost) finish.providerCost = response.providerCost;
      if (response.raw !== undefined) finish.raw = response.raw;
      yield finish;
    },
  };
}
