import { ContentFilterError, type StratumError } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';

interface AzureErrorContext {
  provider: string;
  model: string;
}

/**
 * Azure's content filter refuses a prompt with a 400 whose code is `content_filter` and whose
 * `innererror.content_filter_result` gives each category's verdict; the error names the
 * categories that were filtered. Other errors are left to the shared mapping (Azure's bodies
 * are OpenAI's `{"error": {"code", "message"}}`; 429s carry `retry-after-ms`).
 * https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter
 */
export function mapAzureError(
  error: unknown,
  context: AzureErrorContext,
): StratumError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const body: unknown = Reflect.get(error, 'error');
  if (!isRecord(body) || body['code'] !== 'content_filter') return undefined;
  const status: unknown = Reflect.get(error, 'status');
  const inner = isRecord(body['innererror']) ? body['innererror'] : {};
  const result = isRecord(inner['content_filter_result']) ? inner['content_filter_result'] : {};
  const flagged = Object.entries(result).flatMap(([category, verdict]) => {
    if (!isRecord(verdict) || verdict['filtered'] !== true) return [];
    const severity = typeof verdict['severity'] === 'string' ? ` (${verdict['severity']})` : '';
    return [`${category.replace('_', ' ')}${severity}`];
  });
  const message = typeof body['message'] === 'string' ? body['message'] : 'content filtered';
  return new ContentFilterError(
    `${context.provider} (${context.model}) said: ${message.split('. ')[0]}. Azure's content filter blocked the prompt${flagged.length > 0 ? ` for ${flagged.join(', ')}` : ''}; rephrase it, or adjust the deployment's content filter in Azure AI Foundry.`,
    {
      provider: context.provider,
      model: context.model,
      status: typeof status === 'number' ? status : 400,
      vendorCode: 'content_filter',
      cause: error,
    },
  );
}
