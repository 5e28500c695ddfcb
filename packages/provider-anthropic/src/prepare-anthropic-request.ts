import type { MessageCreateParamsBase, OutputConfig } from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError, type ProviderRequest, type Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import {
  anthropicOptionsOf,
  parseCacheControl,
  readEffort,
  readStructuredOutputs,
  readSwitch,
} from './anthropic-options.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { prepareAnthropicThinking } from './prepare-anthropic-thinking.js';
import { type JsonTool, prepareAnthropicTools, toInputSchema } from './prepare-anthropic-tools.js';

/** The API allows this many `cache_control` breakpoints in one request. */
const MAX_CACHE_BREAKPOINTS = 4;

/** The name of the tool that carries JSON output when the model has no native structured output. */
export const JSON_TOOL_NAME = 'json_response';

export interface RequestSettings {
  cacheSystemPrompt?: boolean;
  cacheTools?: boolean;
  defaultMaxOutputTokens?: number;
}

export interface PreparedRequest {
  body: Omit<MessageCreateParamsBase, 'stream'>;
  warnings: Warning[];
  jsonTool: JsonTool | undefined;
}

/**
 * Builds a Messages API body (https://platform.claude.com/docs/en/api/messages) from a Stratum
 * request, with a warning for every setting Anthropic cannot take.
 */
export function prepareAnthropicRequest(
  request: ProviderRequest,
  settings: RequestSettings,
): PreparedRequest {
  const options = anthropicOptionsOf(request.providerOptions);
  const warnings: Warning[] = unsupportedSettings(request);
  const thinking = prepareAnthropicThinking(request, options, settings.defaultMaxOutputTokens);
  warnings.push(...thinking.warnings);

  const outputConfig: OutputConfig = {};
  const effort = readEffort(options);
  if (effort) outputConfig.effort = effort;
  let jsonTool: JsonTool | undefined;
  const format = request.responseFormat;
  if (format?.type === 'json-schema') {
    const native =
      (readStructuredOutputs(options) ??
        (request.modelInfo?.capabilities.structuredOutput ? 'native' : 'tool')) === 'native';
    if (native) outputConfig.format = { type: 'json_schema', schema: format.schema };
    else jsonTool = jsonToolFor(format.schema, format.description);
  } else if (format?.type === 'json') {
    jsonTool = {
      name: JSON_TOOL_NAME,
      description: 'Respond with a JSON object.',
      inputSchema: { type: 'object', additionalProperties: true },
      wrapped: false,
    };
  }

  const prompt = convertToAnthropicMessages(
    request.messages,
    readSwitch(options, 'cacheSystemPrompt', settings.cacheSystemPrompt),
  );
  warnings.push(...prompt.warnings);
  if (prompt.messages.length === 0) {
    throw new InvalidRequestError(
      'Anthropic needs at least one user or assistant message besides the system prompt. Add a user message.',
      { provider: 'anthropic', model: request.model },
    );
  }
  const tools = prepareAnthropicTools({
    tools: request.tools,
    toolChoice: request.toolChoice,
    parallelToolCalls: request.parallelToolCalls,
    cacheTools: readSwitch(options, 'cacheTools', settings.cacheTools),
    jsonTool,
    thinking: thinking.enabled,
  });
  warnings.push(...tools.warnings);

  const body: Omit<MessageCreateParamsBase, 'stream'> = {
    model: request.model,
    max_tokens: thinking.maxTokens,
    messages: prompt.messages,
  };
  if (prompt.system !== undefined) body.system = prompt.system;
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (thinking.thinking) body.thinking = thinking.thinking;
  if (tools.tools) body.tools = tools.tools;
  if (tools.toolChoice) body.tool_choice = tools.toolChoice;
  if (outputConfig.effort || outputConfig.format) body.output_config = outputConfig;
  const automaticCache = parseCacheControl(options['cacheControl'], 'the request');
  if (automaticCache) body.cache_control = automaticCache;
  checkBreakpoints(body, request.model);
  return { body, warnings, jsonTool };
}

function unsupportedSettings(request: ProviderRequest): Warning[] {
  const warnings: Warning[] = [];
  const thinkingNote =
    request.reasoning && request.reasoning.enabled !== false
      ? ' (extended thinking also requires the default sampling)'
      : '';
  if (request.temperature !== undefined) {
    warnings.push(
      unsupportedSetting(
        'temperature',
        `Anthropic API version 2026-10-21 rejects temperature${thinkingNote}, so it was not sent.`,
      ),
    );
  }
  if (request.topP !== undefined) {
    warnings.push(
      unsupportedSetting(
        'topP',
        `Anthropic API version 2026-10-21 rejects top_p${thinkingNote}, so it was not sent.`,
      ),
    );
  }
  if (request.seed !== undefined) {
    warnings.push(
      unsupportedSetting('seed', 'Anthropic has no seed parameter, so it was not sent.'),
    );
  }
  return warnings;
}

function jsonToolFor(schema: Record<string, unknown>, description: string | undefined): JsonTool {
  const isObject = schema['type'] === 'object' || schema['type'] === undefined;
  return {
    name: JSON_TOOL_NAME,
    description: description ?? 'Respond with JSON that matches the input schema.',
    inputSchema: isObject
      ? toInputSchema(schema, 'responseFormat.schema')
      : {
          type: 'object',
          properties: { value: schema },
          required: ['value'],
          additionalProperties: false,
        },
    wrapped: !isObject,
  };
}

function countMarked(blocks: unknown): number {
  if (!Array.isArray(blocks)) return 0;
  let count = 0;
  for (const block of blocks) {
    if (
      typeof block === 'object' &&
      block !== null &&
      'cache_control' in block &&
      block.cache_control
    )
      count += 1;
  }
  return count;
}

function checkBreakpoints(body: Omit<MessageCreateParamsBase, 'stream'>, model: string): void {
  let count = countMarked(body.system) + countMarked(body.tools) + (body.cache_control ? 1 : 0);
  for (const message of body.messages) count += countMarked(message.content);
  if (count > MAX_CACHE_BREAKPOINTS) {
    throw new InvalidRequestError(
      `This request sets ${count} cache_control breakpoints; Anthropic allows at most ${MAX_CACHE_BREAKPOINTS}. Keep the breakpoints at the ends of the longest stable prefixes (system, tools, the last turns).`,
      { provider: 'anthropic', model },
    );
  }
}
