import type { ProviderRequest, Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import type { Cohere } from 'cohere-ai';
import { readCohereOptions } from './cohere-options.js';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';

export interface PreparedCohereRequest {
  body: Cohere.V2ChatRequest;
  warnings: Warning[];
}

/**
 * A Stratum request → a chat v2 request (https://docs.cohere.com/reference/chat): sampling as
 * `temperature` / `p` / `max_tokens` / `stop_sequences` / `seed`; tools as functions with
 * `tool_choice` REQUIRED / NONE (a named tool narrows the list to it); JSON as `json_object`
 * with the schema; reasoning as `thinking`. What v2 has no field for becomes a warning.
 */
export function prepareCohereRequest(request: ProviderRequest): PreparedCohereRequest {
  const warnings: Warning[] = [];
  const { messages, documents } = convertToCohereMessages(request.messages);
  const body: Cohere.V2ChatRequest = { model: request.model, messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.p = request.topP;
  if (request.maxOutputTokens !== undefined) body.maxTokens = request.maxOutputTokens;
  if (request.stop?.length) body.stopSequences = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;

  let tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (choice === 'required') body.toolChoice = 'REQUIRED';
  else if (choice === 'none') body.toolChoice = 'NONE';
  else if (typeof choice === 'object') {
    // v2 cannot name a tool: offering only that one and requiring a call has the same effect.
    tools = tools.filter((tool) => tool.name === choice.name);
    body.toolChoice = 'REQUIRED';
  }
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.parallelToolCalls !== undefined) {
    warnings.push(
      unsupportedSetting(
        'parallelToolCalls',
        'Cohere has no switch for parallel tool calls; the model decides how many tools to call.',
      ),
    );
  }

  const format = request.responseFormat;
  if (format?.type === 'json') body.responseFormat = { type: 'json_object' };
  else if (format?.type === 'json-schema') {
    body.responseFormat = { type: 'json_object', jsonSchema: format.schema };
  }

  const reasoning = request.reasoning;
  if (reasoning) {
    if (request.modelInfo && !request.modelInfo.capabilities.reasoning) {
      warnings.push(
        unsupportedSetting(
          'reasoning',
          `${request.model} does not reason (per the catalog); the reasoning setting was not sent. Use a reasoning model such as command-a-reasoning-08-2025.`,
        ),
      );
    } else if (reasoning.enabled === false) body.thinking = { type: 'disabled' };
    else {
      body.thinking = {
        type: 'enabled',
        ...(reasoning.budgetTokens !== undefined ? { tokenBudget: reasoning.budgetTokens } : {}),
      };
      if (reasoning.effort !== undefined && reasoning.budgetTokens === undefined) {
        warnings.push(
          unsupportedSetting(
            'reasoning.effort',
            'Cohere takes a thinking token budget, not an effort level; set reasoning.budgetTokens.',
          ),
        );
      }
    }
  }

  Object.assign(body, readCohereOptions(request.providerOptions));
  if (documents.length > 0) body.documents = [...(body.documents ?? []), ...documents];
  return { body, warnings };
}
