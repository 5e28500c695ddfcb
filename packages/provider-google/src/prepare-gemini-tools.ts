import {
  FunctionCallingConfigMode,
  type FunctionDeclaration,
  type Tool,
  type ToolConfig,
} from '@google/genai';
import {
  InvalidRequestError,
  type ToolChoice,
  type ToolDefinition,
  type Warning,
} from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';

/**
 * Tools → Gemini `functionDeclarations`, tool choice → `toolConfig.functionCallingConfig`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes):
 * `auto` → AUTO, `none` → NONE, `required` → ANY, one named tool → ANY limited to it by
 * `allowedFunctionNames`.
 */
export interface PreparedGeminiTools {
  tools: Tool[] | undefined;
  toolConfig: ToolConfig | undefined;
  warnings: Warning[];
}

export function prepareGeminiTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  options: { passJsonSchema: boolean },
): PreparedGeminiTools {
  const warnings: Warning[] = [];
  if (!tools || tools.length === 0) {
    if (toolChoice !== undefined && toolChoice !== 'none' && toolChoice !== 'auto') {
      throw new InvalidRequestError(
        'toolChoice asks for a tool call but the request has no tools. Add tools, or drop toolChoice.',
      );
    }
    return { tools: undefined, toolConfig: undefined, warnings };
  }

  const declarations = tools.map((tool): FunctionDeclaration => {
    const declaration: FunctionDeclaration = { name: tool.name };
    if (tool.description) declaration.description = tool.description;
    if (options.passJsonSchema) {
      declaration.parametersJsonSchema = tool.parameters;
      return declaration;
    }
    const { schema, notes } = convertToGeminiSchema(tool.parameters, `tool "${tool.name}"`);
    if (schema) declaration.parameters = schema;
    if (notes.length > 0) {
      warnings.push({
        type: 'unsupported-tool',
        setting: `tools.${tool.name}.parameters`,
        message: `Gemini function schemas are a subset of JSON Schema; for tool "${tool.name}": ${notes.join('; ')}. Set providerOptions.google.jsonSchema to send the schema unchanged as parametersJsonSchema.`,
      });
    }
    if (tool.strict) {
      warnings.push(
        unsupportedSetting(
          'strict',
          `Gemini has no strict mode for tool "${tool.name}"; its arguments are not guaranteed to match the schema.`,
        ),
      );
    }
    return declaration;
  });

  return {
    tools: [{ functionDeclarations: declarations }],
    toolConfig: toolChoice === undefined ? undefined : toToolConfig(toolChoice, tools),
    warnings,
  };
}

function toToolConfig(toolChoice: ToolChoice, tools: readonly ToolDefinition[]): ToolConfig {
  switch (toolChoice) {
    case 'auto':
      return { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } };
    case 'none':
      return { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } };
    case 'required':
      return { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } };
  }
  if (!tools.some((tool) => tool.name === toolChoice.name)) {
    throw new InvalidRequestError(
      `toolChoice names the tool "${toolChoice.name}", which is not among the request's tools (${tools.map((tool) => tool.name).join(', ')}).`,
    );
  }
  return {
    functionCallingConfig: {
      mode: FunctionCallingConfigMode.ANY,
      allowedFunctionNames: [toolChoice.name],
    },
  };
}
