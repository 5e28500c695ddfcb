import {
  createUsage,
  type FinishReason,
  mapHttpError,
  type ProviderChatResult,
  type ProviderReportedCost,
  type ProviderRequest,
  parseToolArguments,
  type ResponseContentPart,
  StratumError,
  type ToolCall,
  type Usage,
  type UsageParts,
  type Warning,
} from '@stratum/core';

export interface MockToolCall {
  id?: string;
  name: string;
  /** An object (serialized to JSON) or the exact argument text. */
  arguments: unknown;
}

/** A scripted answer. */
export interface MockReply {
  text?: string;
  reasoning?: string;
  toolCalls?: MockToolCall[];
  /** Default: about four characters a token, from the messages and the reply. */
  usage?: UsageParts;
  /** Default: `tool-calls` when there are tool calls, else `stop`. */
  finishReason?: FinishReason;
  rawFinishReason?: string;
  /** The model reported back; default: the requested one. */
  model?: string;
  id?: string;
  warnings?: Warning[];
  providerCost?: ProviderReportedCost;
  raw?: unknown;
  /** Wait before answering (chat) or before the first event (stream). */
  latencyMs?: number;
  /** The text deltas of a stream; default: the text split after each word. */
  chunks?: string[];
  /** Wait between streamed events. */
  chunkDelayMs?: number;
}

/** An HTTP failure to map the way providers do, with `mapHttpError`. */
export interface MockHttpFailure {
  status: number;
  message?: string;
  vendorCode?: string;
  headers?: Record<string, string>;
}

/** A scripted failure: thrown by `chat`, or by `stream` after `afterChunks` text deltas. */
export interface MockFailure {
  error: StratumError | MockHttpFailure;
  latencyMs?: number;
  /** Streams only: text deltas of `text` sent before the error (default 0). */
  afterChunks?: number;
  text?: string;
  chunks?: string[];
  chunkDelayMs?: number;
}

export type MockResponse = MockReply | MockFailure;

export function isFailure(response: MockResponse): response is MockFailure {
  return 'error' in response && response.error !== undefined;
}

/** The Stratum error a failure stands for. */
export function failureError(failure: MockFailure, provider: string, model: string): StratumError {
  const { error } = failure;
  if (StratumError.is(error)) return error;
  return mapHttpError({
    provider,
    model,
    status: error.status,
    message: error.message ?? `mock failure with status ${error.status}`,
    vendorCode: error.vendorCode,
    headers: error.headers,
  });
}

export function textChunks(response: { text?: string; chunks?: string[] }): string[] {
  if (response.chunks) return response.chunks;
  const text = response.text ?? '';
  return text === '' ? [] : (text.match(/\S+\s*|\s+/g) ?? [text]);
}

export function toolCallsOf(reply: MockReply, callNumber: number): ToolCall[] {
  return (reply.toolCalls ?? []).map((call, index) => {
    const rawArguments =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
    return {
      id: call.id ?? `call_mock_${callNumber}_${index}`,
      name: call.name,
      arguments: parseToolArguments(rawArguments, call.name, 'mock'),
      rawArguments,
    };
  });
}

export function usageOf(reply: MockReply, request: ProviderRequest, toolCalls: ToolCall[]): Usage {
  if (reply.usage) return createUsage(reply.usage);
  let promptCharacters = 0;
  for (const message of request.messages)
    promptCharacters += JSON.stringify(message.content).length;
  let outputCharacters = (reply.text ?? '').length + (reply.reasoning ?? '').length;
  for (const call of toolCalls) outputCharacters += call.rawArguments.length;
  return createUsage({
    inputTokens: Math.ceil(promptCharacters / 4),
    outputTokens: Math.ceil(outputCharacters / 4),
    reasoningTokens: Math.ceil((reply.reasoning ?? '').length / 4),
  });
}

export function chatResultOf(
  reply: MockReply,
  request: ProviderRequest,
  callNumber: number,
): ProviderChatResult {
  const toolCalls = toolCallsOf(reply, callNumber);
  const content: ResponseContentPart[] = [];
  if (reply.reasoning) content.push({ type: 'reasoning', text: reply.reasoning });
  if (reply.text) content.push({ type: 'text', text: reply.text });
  for (const call of toolCalls) {
    content.push({
      type: 'tool-call',
      id: call.id,
      name: call.name,
      arguments: call.arguments,
      rawArguments: call.rawArguments,
    });
  }
  const result: ProviderChatResult = {
    id: reply.id ?? `mock-${callNumber}`,
    model: reply.model ?? request.model,
    content,
    finishReason: reply.finishReason ?? (toolCalls.length ? 'tool-calls' : 'stop'),
    usage: usageOf(reply, request, toolCalls),
    warnings: reply.warnings ?? [],
  };
  if (reply.rawFinishReason !== undefined) result.rawFinishReason = reply.rawFinishReason;
  if (reply.providerCost) result.providerCost = reply.providerCost;
  if (reply.raw !== undefined) result.raw = reply.raw;
  return result;
}
