import type { ProviderRequest, ResponseFormat, Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import type { OpenAIChatRequestBody } from './openai-chat-api-types.js';
import type {
  OpenAICompatibleCallContext,
  OpenAICompatibleSettings,
} from './openai-compatible-settings.js';
import { prepareOpenAITools } from './prepare-openai-tools.js';

type BodySettings = Pick<
  OpenAICompatibleSettings,
  | 'isReasoningModel'
  | 'prepareReasoning'
  | 'maxTokensParameter'
  | 'providerOptionsKey'
  | 'transformRequestBody'
  | 'createMessageConverter'
> & { name: string };

/**
 * The Chat Completions request body for a Stratum request.
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export function prepareOpenAIRequestBody(
  request: ProviderRequest,
  context: OpenAICompatibleCallContext,
  settings: BodySettings,
): OpenAIChatRequestBody {
  const { warnings } = context;
  const providerOptionsKey = settings.providerOptionsKey ?? settings.name;
  const body: OpenAIChatRequestBody = {
    model: request.model,
    messages: convertToOpenAIMessages(request.messages, {
      provider: settings.name,
      providerOptionsKey,
      convertMessage: settings.createMessageConverter?.(context),
    }),
  };
  const reasoningModel = settings.isReasoningModel?.(request.model, request.modelInfo);

  if (request.temperature !== undefined) {
    if (reasoningModel) warnings.push(rejectedByReasoningModel('temperature', request.model));
    else body.temperature = request.temperature;
  }
  if (request.topP !== undefined) {
    if (reasoningModel) warnings.push(rejectedByReasoningModel('topP', request.model));
    else body.top_p = request.topP;
  }
  if (request.maxOutputTokens !== undefined) {
    body[settings.maxTokensParameter ?? 'max_tokens'] = request.maxOutputTokens;
  }
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  Object.assign(
    body,
    prepareOpenAITools(request.tools, request.toolChoice, request.parallelToolCalls, warnings),
  );
  const responseFormat = convertResponseFormat(request.responseFormat);
  if (responseFormat) body.response_format = responseFormat;
  addReasoning(body, context, reasoningModel, settings.prepareReasoning);

  if (context.stream) {
    body.stream = true;
    // Without it Chat Completions streams carry no usage, and cost could not be known.
    body.stream_options = { include_usage: true };
  }
  const passThrough = request.providerOptions?.[providerOptionsKey];
  if (passThrough) Object.assign(body, passThrough);
  return settings.transformRequestBody ? settings.transformRequestBody(body, context) : body;
}

function rejectedByReasoningModel(setting: string, model: string): Warning {
  return unsupportedSetting(
    setting,
    `${model} is a reasoning model, which rejects ${setting}; it was not sent.`,
  );
}

function addReasoning(
  body: OpenAIChatRequestBody,
  context: OpenAICompatibleCallContext,
  reasoningModel: boolean | undefined,
  prepareReasoning: OpenAICompatibleSettings['prepareReasoning'],
): void {
  const { request, warnings } = context;
  const reasoning = request.reasoning;
  if (!reasoning) return;
  if (reasoningModel === false) {
    warnings.push(
      unsupportedSetting(
        'reasoning',
        `${request.model} is not a reasoning model, so the reasoning settings were not sent.`,
      ),
    );
    return;
  }
  if (prepareReasoning) {
    Object.assign(body, prepareReasoning(reasoning, context));
    return;
  }
  if (reasoning.effort !== undefined) body.reasoning_effort = reasoning.effort;
  if (reasoning.budgetTokens !== undefined) {
    warnings.push(
      unsupportedSetting(
        'reasoning.budgetTokens',
        'Chat Completions takes a reasoning effort, not a token budget; budgetTokens was not sent. Use reasoning.effort.',
      ),
    );
  }
  if (reasoning.enabled === false && reasoning.effort === undefined) {
    warnings.push(
      unsupportedSetting(
        'reasoning.enabled',
        "Reasoning cannot be switched off through this setting; use reasoning.effort: 'minimal', or the vendor's own value through providerOptions (e.g. reasoning_effort: 'none').",
      ),
    );
  }
}

/** https://platform.openai.com/docs/guides/structured-outputs */
function convertResponseFormat(
  format: ResponseFormat | undefined,
): OpenAIChatRequestBody['response_format'] {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json') return { type: 'json_object' };
  const jsonSchema: ResponseFormatJSONSchema.JSONSchema = {
    name: format.name ?? 'response',
    schema: format.schema,
  };
  if (format.description !== undefined) jsonSchema.description = format.description;
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}
