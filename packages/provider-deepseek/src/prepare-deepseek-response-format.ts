import type { Warning } from '@stratum/core';
import { unsupportedSetting } from '@stratum/core/provider-kit';
import type { OpenAIChatRequestBody } from '@stratum/provider-openai/internal';

/**
 * DeepSeek's JSON Output takes `response_format: { type: 'json_object' }` only, and the prompt
 * must mention JSON. A JSON-schema request therefore becomes JSON mode with the schema spelled
 * out in a system message (and a warning: the vendor does not enforce it).
 * https://api-docs.deepseek.com/guides/json_mode
 */
export function prepareDeepSeekResponseFormat(
  body: OpenAIChatRequestBody,
  warnings: Warning[],
): OpenAIChatRequestBody {
  const format = body.response_format;
  if (format?.type === 'json_schema') {
    body.response_format = { type: 'json_object' };
    const schema = JSON.stringify(format.json_schema.schema ?? {});
    body.messages.unshift({
      role: 'system',
      content: `Answer with a JSON object that conforms to this JSON schema: ${schema}`,
    });
    warnings.push(
      unsupportedSetting(
        'responseFormat',
        'DeepSeek has no schema-constrained output: JSON mode was used with the schema in a system message, so validate the answer.',
      ),
    );
  } else if (format?.type === 'json_object' && !mentionsJson(body.messages)) {
    body.messages.unshift({ role: 'system', content: 'Answer with a JSON object.' });
  }
  return body;
}

function mentionsJson(messages: OpenAIChatRequestBody['messages']): boolean {
  return messages.some((message) =>
    JSON.stringify(message.content ?? '')
      .toLowerCase()
      .includes('json'),
  );
}
