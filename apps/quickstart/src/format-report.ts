import type { ChatResponse } from '@stratum/core';

const dollars = (amount: number): string =>
  `$${amount.toFixed(8).replace(/0+$/, '').replace(/\.$/, '.0')}`;

/** The usage and cost lines the quick start prints under each reply. */
export function formatReport(label: string, response: ChatResponse): string {
  const { usage, cost } = response;
  const lines = [
    `── ${label}: ${response.modelId} (vendor reported ${response.model}), ${response.finishReason}, ${response.latencyMs.toFixed(1)} ms`,
    `   usage: ${usage.inputTokens} input (${usage.cacheReadTokens} cached), ${usage.outputTokens} output (${usage.reasoningTokens} reasoning), ${usage.totalTokens} total`,
    cost
      ? `   cost:  ${dollars(cost.total)} = input ${dollars(cost.input)} + cache read ${dollars(cost.cacheRead)} + output ${dollars(cost.output)}`
      : `   cost:  unknown (${response.warnings.map((warning) => warning.message).join('; ')})`,
  ];
  return lines.join('\n');
}
