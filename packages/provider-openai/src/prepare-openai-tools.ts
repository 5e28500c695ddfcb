import type { ToolChoice, ToolDefinition, Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

export interface PreparedTools {
  tools?: ChatCompletionFunctionTool[];
  tool_choice?: ChatCompletionToolChoiceOption;
  parallel_tool_calls?: boolean;
}

/**
 * Function tools with their JSON Schema, the tool choice and the parallel-calls switch.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function prepareOpenAITools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  warnings: Warning[],
): PreparedTools {
  if (!tools || tools.length === 0) {
    if (toolChoice !== undefined && toolChoice !== 'none') {
      warnings.push(
        unsupportedSetting(
          'toolChoice',
          'toolChoice was set without tools, so it was not sent. Pass tools as well.',
        ),
      );
    }
    if (parallelToolCalls !== undefined) {
      warnings.push(
        unsupportedSetting(
          'parallelToolCalls',
          'parallelToolCalls was set without tools, so it was not sent.',
        ),
      );
    }
    return {};
  }
  const prepared: PreparedTools = {
    tools: tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict !== undefined && { strict: tool.strict }),
      },
    })),
  };
  if (toolChoice !== undefined) {
    prepared.tool_choice =
      typeof toolChoice === 'string'
        ? toolChoice
        : { type: 'function', function: { name: toolChoice.name } };
  }
  if (parallelToolCalls !== undefined) prepared.parallel_tool_calls = parallelToolCalls;
  return prepared;
}
