import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ResponseContentPart } from '@stratum/core';

/**
 * Converse output content → content parts: text, reasoning with its signature (redacted
 * reasoning as base64 `redactedData`), tool calls with their input as arguments. Citations and
 * guardrail traces stay in the raw response.
 */
export function convertBedrockContent(blocks: readonly ContentBlock[]): ResponseContentPart[] {
  const parts: ResponseContentPart[] = [];
  for (const block of blocks) {
    if (block.text !== undefined) parts.push({ type: 'text', text: block.text });
    else if (block.reasoningContent?.reasoningText) {
      const { text, signature } = block.reasoningContent.reasoningText;
      parts.push({ type: 'reasoning', text: text ?? '', ...(signature ? { signature } : {}) });
    } else if (block.reasoningContent?.redactedContent) {
      parts.push({
        type: 'reasoning',
        text: '',
        redactedData: Buffer.from(block.reasoningContent.redactedContent).toString('base64'),
      });
    } else if (block.toolUse) {
      parts.push({
        type: 'tool-call',
        id: block.toolUse.toolUseId ?? '',
        name: block.toolUse.name ?? '',
        arguments: block.toolUse.input ?? {},
      });
    }
  }
  return parts;
}
