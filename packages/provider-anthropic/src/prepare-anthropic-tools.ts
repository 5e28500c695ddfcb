import type { Tool, ToolChoice, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import {
  InvalidRequestError,
  type JSONSchema,
  type ToolChoice as StratumToolChoice,
  type ToolDefinition,
  type Warning,
} from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';

/** The tool a model is made to call when JSON is wanted without native structured output. */
export interface JsonTool {
  name: string;
  description: string;
  inputSchema: Tool.InputSchema;
  /** The schema was not an object: the answer sits under `value`. */
  wrapped: boolean;
}

export interface PreparedTools {
  tools: ToolUnion[] | undefined;
  toolChoice: ToolChoice | undefined;
  warnings: Warning[];
}

/** An object schema as the API takes it; anything else is the caller's mistake. */
export function toInputSchema(schema: JSONSchema, where: string): Tool.InputSchema {
  if (schema['type'] !== undefined && schema['type'] !== 'object') {
    throw new InvalidRequestError(
      `${where} has a schema of type ${JSON.stringify(schema['type'])}; Anthropic tool inputs must be JSON objects ({ type: 'object', properties: ... }).`,
      { provider: 'anthropic' },
    );
  }
  return { ...schema, type: 'object' };
}

/**
 * Maps tools and tool choice (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use):
 * `auto` → auto, `required` → any, `{ type: 'tool', name }` → tool, `none` → none, and
 * `parallelToolCalls: false` → `disable_parallel_tool_use: true`.
 */
export function prepareAnthropicTools(options: {
  tools: readonly ToolDefinition[] | undefined;
  toolChoice: StratumToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
  cacheTools: boolean;
  jsonTool: JsonTool | undefined;
  thinking: boolean;
}): PreparedTools {
  const warnings: Warning[] = [];
  const { jsonTool } = options;
  const tools: Tool[] = (options.tools ?? []).map((tool, index) => ({
    name: tool.name,
    input_schema: toInputSchema(tool.parameters, `tools[${index}] (${tool.name})`),
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(tool.strict ? { strict: true } : {}),
  }));
  if (jsonTool) {
    if (tools.some((tool) => tool.name === jsonTool.name)) {
      throw new InvalidRequestError(
        `A tool is named "${jsonTool.name}", the name Stratum uses for JSON output on Anthropic. Rename that tool.`,
        { provider: 'anthropic' },
      );
    }
    tools.push({
      name: jsonTool.name,
      description: jsonTool.description,
      input_schema: jsonTool.inputSchema,
    });
  }
  if (tools.length === 0) {
    if (options.toolChoice !== undefined && options.toolChoice !== 'none') {
      warnings.push(
        unsupportedSetting(
          'toolChoice',
          'toolChoice was set but the request has no tools, so it was not sent.',
        ),
      );
    }
    return { tools: undefined, toolChoice: undefined, warnings };
  }
  if (options.cacheTools) {
    const last = tools.at(-1);
    if (last) last.cache_control = { type: 'ephemeral' };
  }
  return {
    tools,
    toolChoice: chooseTool(options, jsonTool, warnings),
    warnings,
  };
}

function chooseTool(
  options: {
    toolChoice: StratumToolChoice | undefined;
    parallelToolCalls: boolean | undefined;
    thinking: boolean;
    tools: readonly ToolDefinition[] | undefined;
  },
  jsonTool: JsonTool | undefined,
  warnings: Warning[],
): ToolChoice | undefined {
  const serial = options.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (jsonTool) {
    // Extended thinking only allows tool_choice auto or none, so the JSON tool is offered, not forced.
    if (options.thinking) {
      warnings.push({
        type: 'other',
        message: `With extended thinking Anthropic cannot be forced to call a tool, so the "${jsonTool.name}" tool for JSON output is only offered; the model may answer in plain text. Use a model with native structured output to be sure.`,
      });
      return { type: 'auto', ...serial };
    }
    // With the caller's own tools too, the model must call one of them or the JSON tool.
    return options.tools?.length
      ? { type: 'any', ...serial }
      : { type: 'tool', name: jsonTool.name, ...serial };
  }
  const choice = options.toolChoice;
  if (choice === undefined)
    return options.parallelToolCalls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  return { type: 'tool', name: choice.name, ...serial };
}
