import { InvalidRequestError, type ProviderRequest, type Warning } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseIncludable,
  Tool,
} from 'openai/resources/responses/responses';
import { convertToResponsesInput } from './responses-convert-messages.js';

export interface PreparedResponsesRequest {
  body: ResponseCreateParamsNonStreaming;
  warnings: Warning[];
  /** Whether the request asked the API to keep the response (it does not by default). */
  store: boolean;
}

export interface ResponsesRequestContext {
  provider: string;
  reasoningModel: boolean;
}

/** Built-in tools the API runs itself (https://platform.openai.com/docs/guides/tools). */
const BUILT_IN_TOOL_TYPES = new Set([
  'web_search',
  'web_search_preview',
  'web_search_2025_08_26',
  'web_search_preview_2025_03_11',
  'file_search',
  'code_interpreter',
  'image_generation',
  'computer_use_preview',
  'mcp',
  'local_shell',
  'shell',
  'apply_patch',
]);

/** A built-in tool object, checked for its `type` only: the API validates the rest. */
function isBuiltInTool(value: unknown): value is Tool {
  return (
    isRecord(value) && typeof value['type'] === 'string' && BUILT_IN_TOOL_TYPES.has(value['type'])
  );
}

function unsupported(setting: string, message: string): Warning {
  return { type: 'unsupported-setting', setting, message };
}

/**
 * A Stratum request → a `POST /responses` body
 * (https://platform.openai.com/docs/api-reference/responses/create). `store` is false unless
 * `providerOptions.openai.store` says otherwise, so reasoning models return their reasoning as
 * `encrypted_content` (requested through `include`) for the next turn. `providerOptions.openai`
 * passes the API's own fields through; its `tools` are built-in tools added to the functions.
 */
export function prepareResponsesRequest(
  request: ProviderRequest,
  context: ResponsesRequestContext,
): PreparedResponsesRequest {
  const { reasoningModel } = context;
  const warnings: Warning[] = [];
  const passThrough = request.providerOptions?.['openai'] ?? {};
  const {
    tools: builtInTools,
    reasoning: reasoningFields,
    text: textFields,
    include,
    ...rest
  } = passThrough;
  const store = rest['store'] === true;
  const body: ResponseCreateParamsNonStreaming = {
    model: request.model,
    input: convertToResponsesInput(request.messages, { reasoningModel, store }),
    store,
  };
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  for (const [setting, value, field] of [
    ['temperature', request.temperature, 'temperature'],
    ['topP', request.topP, 'top_p'],
  ] as const) {
    if (value === undefined) continue;
    if (reasoningModel) {
      warnings.push(
        unsupported(
          setting,
          `${request.model} is a reasoning model and takes no ${field}; it was not sent.`,
        ),
      );
    } else body[field] = value;
  }
  if (request.seed !== undefined) {
    warnings.push(unsupported('seed', 'The Responses API has no seed; it was not sent.'));
  }
  if (request.stop?.length) {
    warnings.push(
      unsupported('stop', 'The Responses API has no stop sequences; they were not sent.'),
    );
  }

  const tools: Tool[] = (request.tools ?? []).map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.parameters,
    strict: tool.strict ?? false,
  }));
  if (builtInTools !== undefined) {
    if (!Array.isArray(builtInTools) || !builtInTools.every(isBuiltInTool)) {
      throw new InvalidRequestError(
        `providerOptions.openai.tools must be an array of built-in tools such as [{ type: 'web_search' }] (types: ${[...BUILT_IN_TOOL_TYPES].join(', ')}); functions go in the request's tools. Got ${JSON.stringify(builtInTools)}.`,
        { provider: context.provider },
      );
    }
    tools.push(...builtInTools);
  }
  if (tools.length > 0) body.tools = tools;
  const choice = request.toolChoice;
  if (choice !== undefined) {
    body.tool_choice =
      typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
  }
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;

  const format = request.responseFormat;
  const text: NonNullable<ResponseCreateParamsNonStreaming['text']> = isRecord(textFields)
    ? { ...textFields }
    : {};
  if (format?.type === 'json') text.format = { type: 'json_object' };
  else if (format?.type === 'json-schema') {
    text.format = {
      type: 'json_schema',
      name: format.name ?? 'response',
      schema: format.schema,
      strict: format.strict ?? true,
      ...(format.description ? { description: format.description } : {}),
    };
  }
  if (Object.keys(text).length > 0) body.text = text;

  const reasoning: NonNullable<ResponseCreateParamsNonStreaming['reasoning']> = isRecord(
    reasoningFields,
  )
    ? { ...reasoningFields }
    : {};
  if (request.reasoning && !reasoningModel) {
    warnings.push(
      unsupported(
        'reasoning',
        `${request.model} is not a reasoning model; the reasoning setting was not sent.`,
      ),
    );
  } else if (reasoningModel) {
    if (request.reasoning?.effort) reasoning.effort = request.reasoning.effort;
    // Summaries are the only reasoning text the API shows; ask for them unless told otherwise.
    reasoning.summary ??= 'auto';
    body.reasoning = reasoning;
  }
  const included = readInclude(include, context.provider);
  // Without storage, encrypted reasoning is the only way the next turn gets the reasoning back.
  if (reasoningModel && !store && !included.includes('reasoning.encrypted_content')) {
    included.push('reasoning.encrypted_content');
  }
  if (included.length > 0) body.include = included;
  Object.assign(body, rest);
  return { body, warnings, store };
}

const INCLUDABLE: readonly ResponseIncludable[] = [
  'file_search_call.results',
  'web_search_call.results',
  'web_search_call.action.sources',
  'message.input_image.image_url',
  'computer_call_output.output.image_url',
  'code_interpreter_call.outputs',
  'reasoning.encrypted_content',
  'message.output_text.logprobs',
];

function readInclude(include: unknown, provider: string): ResponseIncludable[] {
  if (include === undefined) return [];
  const listed = Array.isArray(include)
    ? include.map((entry) => INCLUDABLE.find((known) => known === entry))
    : [undefined];
  const known = listed.filter((entry): entry is ResponseIncludable => entry !== undefined);
  if (known.length !== listed.length) {
    throw new InvalidRequestError(
      `providerOptions.openai.include must list values among ${INCLUDABLE.join(', ')}; got ${JSON.stringify(include)}.`,
      { provider },
    );
  }
  return known;
}
