/**
 * How to fix a bad field, keyed by the field's own name (the last key of its path). The
 * message already says what was found and what was expected; this says what to write.
 */
const HINTS: Readonly<Record<string, string>> = {
  model:
    "Pass a model id such as 'openai/gpt-4.1-mini', a bare catalog id such as 'gpt-4.1-mini', or an alias.",
  messages: "Pass at least one message, e.g. messages: [{ role: 'user', content: 'Hello' }].",
  role: "Use one of 'system', 'user', 'assistant' or 'tool'.",
  content:
    "Pass a string, or an array of parts such as [{ type: 'text', text: 'Hello' }] (user messages may also hold image and file parts, assistant messages reasoning and tool-call parts).",
  type: 'Give each part a `type` its message role accepts; see the content part types of @stratum/core.',
  text: "A text part carries its text as a string: { type: 'text', text: 'Hello' }.",
  toolCallId:
    "A tool message answers one tool call: set toolCallId to the `id` of the assistant's tool-call part, e.g. { role: 'tool', toolCallId: call.id, content: '{\"temperature\":21}' }.",
  source:
    "Give the image or file as { type: 'url', url: 'https://…' } or { type: 'base64', data: '…', mediaType: 'image/png' }.",
  mediaType: "Use a media type such as 'image/png', 'image/jpeg' or 'application/pdf'.",
  url: "Pass the image's URL as a string (https: or data:).",
  data: 'Pass the base64-encoded bytes as a string, without a data: prefix.',
  temperature: 'Pass a number from 0 to 2, e.g. temperature: 0.7 (strings are not converted).',
  topP: 'Pass a number from 0 to 1, e.g. topP: 0.9.',
  maxOutputTokens: 'Pass a whole number of tokens, at least 1, e.g. maxOutputTokens: 1024.',
  seed: 'Pass a whole number, e.g. seed: 42.',
  stop: "Pass a list of non-empty strings, e.g. stop: ['\\n\\n'].",
  tools:
    "Pass a list of tools, e.g. tools: [{ name: 'get_weather', parameters: { type: 'object', properties: {} } }].",
  name: 'Tool names are 1 to 64 letters, digits, underscores or dashes, e.g. get_weather.',
  parameters:
    "Describe the tool's arguments with a JSON Schema object, e.g. parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }; use { type: 'object', properties: {} } for a tool without arguments.",
  schema:
    "Pass a JSON Schema object, e.g. schema: { type: 'object', properties: { answer: { type: 'string' } } }.",
  toolChoice:
    "Use 'auto', 'none', 'required' or { type: 'tool', name } with the name of one of the request's tools.",
  responseFormat:
    "Use { type: 'text' }, { type: 'json' } or { type: 'json-schema', schema: { type: 'object', … } }.",
  effort: "Use one of 'minimal', 'low', 'medium' or 'high'.",
  budgetTokens: 'Pass a whole number of tokens, e.g. reasoning: { budgetTokens: 2048 }.',
  signal:
    'Pass an AbortSignal, e.g. from new AbortController().signal or AbortSignal.timeout(5000).',
  timeoutMs:
    'timeoutMs must be a positive number of milliseconds, e.g. timeoutMs: 30000; leave it out for no timeout.',
  detail: "Use one of 'auto', 'low' or 'high'.",
};

const FALLBACK = 'See the ChatRequest type of @stratum/core for the shape of each field.';

export function fixHintFor(key: string | undefined): string {
  return (key === undefined ? undefined : HINTS[key]) ?? FALLBACK;
}
