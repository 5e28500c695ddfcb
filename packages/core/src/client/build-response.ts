import { calculateCost, zeroCost } from '../cost/calculate-cost.js';
import type { ProviderOptions, ResponseContentPart } from '../types/content.js';
import type { ProviderChatResult } from '../types/provider.js';
import type { ChatResponse, ToolCall, Warning } from '../types/response.js';
import type { Cost } from '../types/usage.js';
import type { ResolvedModel } from './middleware.js';

/** Turns a provider's result into the public response: text, tool calls, cost, warnings. */
export function buildResponse(
  result: ProviderChatResult,
  model: ResolvedModel,
  latencyMs: number,
  includeRaw: boolean | undefined,
): ChatResponse {
  let text = '';
  let reasoning: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning = (reasoning ?? '') + part.text;
    else if (part.type === 'tool-call') {
      toolCalls.push({
        id: part.id,
        name: part.name,
        arguments: part.arguments,
        rawArguments: part.rawArguments ?? JSON.stringify(part.arguments ?? {}),
      });
    }
  }
  const warnings = [...result.warnings];
  const cost = priceCall(result, model, warnings);
  const response: ChatResponse = {
    id: result.id,
    provider: model.provider,
    model: result.model || model.name,
    modelId: model.id,
    text,
    content: result.content,
    toolCalls,
    finishReason: result.finishReason,
    usage: result.usage,
    cost,
    latencyMs,
    warnings,
  };
  if (reasoning !== undefined) response.reasoning = reasoning;
  if (result.rawFinishReason !== undefined) response.rawFinishReason = result.rawFinishReason;
  if (includeRaw && result.raw !== undefined) response.raw = result.raw;
  return response;
}

function priceCall(
  result: ProviderChatResult,
  model: ResolvedModel,
  warnings: Warning[],
): Cost | undefined {
  let fromCatalog: Cost | undefined;
  let failed = false;
  try {
    fromCatalog = model.info
      ? calculateCost(model.info, result.usage, { region: result.pricingRegion })
      : undefined;
  } catch (error) {
    // A provider's bad usage numbers must not lose a response that was already paid for.
    failed = true;
    warnings.push({
      type: 'other',
      message: `Cost not computed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  if (result.providerCost) {
    return {
      ...(fromCatalog ?? zeroCost()),
      total: result.providerCost.total,
      source: 'provider',
    };
  }
  if (!fromCatalog && !failed) {
    warnings.push({
      type: 'unknown-price',
      message: `No price is known for ${model.id}, so cost is undefined. Register one with registerModel({ id: '${model.id}', pricing: { input, output } }) (US dollars per million tokens).`,
    });
  }
  return fromCatalog;
}

function mergeProviderOptions(
  current: ProviderOptions | undefined,
  added: ProviderOptions,
): ProviderOptions {
  const merged: ProviderOptions = { ...current };
  for (const [vendor, options] of Object.entries(added)) {
    merged[vendor] = { ...merged[vendor], ...options };
  }
  return merged;
}

/** Collects streamed parts into the content of a response. */
export class ContentAccumulator {
  readonly content: ResponseContentPart[] = [];

  addText(text: string, providerOptions?: ProviderOptions): void {
    let last = this.content.at(-1);
    if (last?.type !== 'text') {
      last = { type: 'text', text: '' };
      this.content.push(last);
    }
    last.text += text;
    if (providerOptions)
      last.providerOptions = mergeProviderOptions(last.providerOptions, providerOptions);
  }

  addReasoning(delta: {
    text: string;
    signature?: string;
    redactedData?: string;
    newBlock?: boolean;
    providerOptions?: ProviderOptions;
  }): void {
    let last = this.content.at(-1);
    if (last?.type !== 'reasoning' || delta.newBlock) {
      last = { type: 'reasoning', text: '' };
      this.content.push(last);
    }
    last.text += delta.text;
    if (delta.signature) last.signature = (last.signature ?? '') + delta.signature;
    if (delta.redactedData) last.redactedData = (last.redactedData ?? '') + delta.redactedData;
    if (delta.providerOptions) {
      last.providerOptions = mergeProviderOptions(last.providerOptions, delta.providerOptions);
    }
  }

  addToolCall(toolCall: ToolCall, providerOptions?: ProviderOptions): void {
    const part: ResponseContentPart = {
      type: 'tool-call',
      id: toolCall.id,
      name: toolCall.name,
      arguments: toolCall.arguments,
      rawArguments: toolCall.rawArguments,
    };
    if (providerOptions) part.providerOptions = providerOptions;
    this.content.push(part);
  }
}
