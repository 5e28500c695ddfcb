import type {
  ConverseRequest,
  GuardrailConfiguration,
  Tool,
  ToolChoice,
} from '@aws-sdk/client-bedrock-runtime';
import { InvalidRequestError, type ProviderRequest, type Warning } from '@stratum/core';
import { isRecord, unsupportedSetting } from '@stratum/core/provider-kit';
import { modelFamily } from './bedrock-model-id.js';
import { CACHE_POINT, convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { toDocument } from './to-document.js';

/** Thinking budgets for an effort level, as Anthropic's own provider maps them. */
const EFFORT_BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 24576 } as const;
const ANSWER_ROOM = 4096;

export interface BedrockRequestSettings {
  cacheSystemPrompt?: boolean;
  cacheTools?: boolean;
}

export interface PreparedBedrockRequest {
  input: ConverseRequest;
  warnings: Warning[];
}

function invalid(field: string, expected: string, value: unknown): InvalidRequestError {
  return new InvalidRequestError(
    `providerOptions.bedrock.${field} must be ${expected}, got ${JSON.stringify(value)}.`,
    { provider: 'bedrock' },
  );
}

function readGuardrail(value: unknown): GuardrailConfiguration | undefined {
  if (value === undefined) return undefined;
  if (
    isRecord(value) &&
    typeof value['guardrailIdentifier'] === 'string' &&
    typeof value['guardrailVersion'] === 'string'
  ) {
    const trace = value['trace'];
    return {
      guardrailIdentifier: value['guardrailIdentifier'],
      guardrailVersion: value['guardrailVersion'],
      ...(trace === 'enabled' || trace === 'disabled' || trace === 'enabled_full' ? { trace } : {}),
    };
  }
  throw invalid(
    'guardrailConfig',
    "{ guardrailIdentifier: string, guardrailVersion: string, trace?: 'enabled' | 'disabled' }",
    value,
  );
}

function readSwitch(
  options: Record<string, unknown>,
  name: string,
  fallback: boolean | undefined,
): boolean {
  const value = options[name];
  if (value === undefined) return fallback ?? false;
  if (typeof value === 'boolean') return value;
  throw invalid(name, 'a boolean', value);
}

/**
 * A Stratum request → a Converse / ConverseStream input
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html):
 * `inferenceConfig` for sampling, `toolConfig` for tools (with a cache point when asked),
 * `outputConfig.textFormat` for JSON, Claude's `thinking` through
 * `additionalModelRequestFields`, guardrails from `providerOptions.bedrock.guardrailConfig`.
 */
export function prepareBedrockRequest(
  request: ProviderRequest,
  settings: BedrockRequestSettings,
): PreparedBedrockRequest {
  const warnings: Warning[] = [];
  const entry = request.providerOptions?.['bedrock'];
  const options = isRecord(entry) ? entry : {};
  const { system, messages } = convertToBedrockMessages(request.messages);
  if (system.length > 0 && readSwitch(options, 'cacheSystemPrompt', settings.cacheSystemPrompt)) {
    system.push(CACHE_POINT);
  }
  const input: ConverseRequest = { modelId: request.model, messages };
  if (system.length > 0) input.system = system;

  const inference: NonNullable<ConverseRequest['inferenceConfig']> = {};
  if (request.maxOutputTokens !== undefined) inference.maxTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) inference.temperature = request.temperature;
  if (request.topP !== undefined) inference.topP = request.topP;
  if (request.stop?.length) inference.stopSequences = request.stop;
  if (request.seed !== undefined) {
    warnings.push(unsupportedSetting('seed', 'The Converse API takes no seed; it was not sent.'));
  }

  const tools: Tool[] = (request.tools ?? []).map(
    (tool): Tool => ({
      toolSpec: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        inputSchema: { json: toDocument(tool.parameters) },
      },
    }),
  );
  if (tools.length > 0) {
    if (readSwitch(options, 'cacheTools', settings.cacheTools)) tools.push(CACHE_POINT);
    const choice = request.toolChoice;
    let toolChoice: ToolChoice | undefined;
    if (choice === 'required') toolChoice = { any: {} };
    else if (typeof choice === 'object') toolChoice = { tool: { name: choice.name } };
    else if (choice === 'none') {
      warnings.push(
        unsupportedSetting(
          'toolChoice',
          "Converse has no tool_choice 'none'; the tools were sent with 'auto'.",
        ),
      );
    }
    input.toolConfig = { tools, ...(toolChoice ? { toolChoice } : {}) };
  }
  if (request.parallelToolCalls !== undefined) {
    warnings.push(
      unsupportedSetting(
        'parallelToolCalls',
        'Converse has no switch for parallel tool calls; it was not sent.',
      ),
    );
  }

  const format = request.responseFormat;
  if (format?.type === 'json' || format?.type === 'json-schema') {
    const schema = format.type === 'json-schema' ? format.schema : { type: 'object' };
    input.outputConfig = {
      textFormat: {
        type: 'json_schema',
        structure: {
          jsonSchema: {
            schema: JSON.stringify(schema),
            name: format.type === 'json-schema' ? (format.name ?? 'response') : 'response',
            ...(format.type === 'json-schema' && format.description
              ? { description: format.description }
              : {}),
          },
        },
      },
    };
  }

  const additional: Record<string, unknown> = {};
  const reasoning = request.reasoning;
  if (reasoning && reasoning.enabled !== false) {
    if (modelFamily(request.model) !== 'anthropic') {
      warnings.push(
        unsupportedSetting(
          'reasoning',
          `Stratum sends reasoning settings to Claude models on Bedrock only; pass ${request.model}'s own fields in providerOptions.bedrock.additionalModelRequestFields.`,
        ),
      );
    } else {
      const budget = reasoning.budgetTokens ?? EFFORT_BUDGETS[reasoning.effort ?? 'medium'];
      additional['thinking'] = { type: 'enabled', budget_tokens: budget };
      // Claude needs room for the answer beyond the thinking budget.
      if (inference.maxTokens === undefined || inference.maxTokens <= budget) {
        inference.maxTokens = budget + ANSWER_ROOM;
      }
    }
  }
  if (Object.keys(inference).length > 0) input.inferenceConfig = inference;
  const extra = options['additionalModelRequestFields'];
  if (extra !== undefined && !isRecord(extra))
    throw invalid('additionalModelRequestFields', 'an object', extra);
  Object.assign(additional, extra);
  if (Object.keys(additional).length > 0)
    input.additionalModelRequestFields = toDocument(additional);
  const guardrail = readGuardrail(options['guardrailConfig']);
  if (guardrail) input.guardrailConfig = guardrail;
  return { input, warnings };
}
