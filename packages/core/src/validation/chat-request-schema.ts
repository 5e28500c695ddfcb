import * as v from 'valibot';

/**
 * The shape of a `ChatRequest` (see `types/request.ts`, `types/message.ts`, `types/content.ts`),
 * checked at the client boundary so that every provider receives the same well-formed input.
 * Objects are not strict: fields this version does not know pass through untouched.
 */

export const plainObject = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'an object',
);

const providerOptions = v.optional(v.record(v.string(), plainObject));

const nonEmptyString = v.pipe(v.string(), v.nonEmpty());

/** `image/png`, `application/pdf`: a type and a subtype (RFC 6838). */
const mediaType = v.pipe(v.string(), v.regex(/^[\w.+-]+\/[\w.+-]+$/));

const textPart = v.object({
  type: v.literal('text'),
  text: v.string(),
  providerOptions,
});

const source = v.variant('type', [
  v.object({ type: v.literal('url'), url: nonEmptyString }),
  v.object({ type: v.literal('base64'), data: nonEmptyString, mediaType }),
]);

const imagePart = v.object({
  type: v.literal('image'),
  source,
  detail: v.optional(v.picklist(['auto', 'low', 'high'])),
  providerOptions,
});

const filePart = v.object({
  type: v.literal('file'),
  source,
  mediaType,
  filename: v.optional(v.string()),
  providerOptions,
});

const reasoningPart = v.object({
  type: v.literal('reasoning'),
  text: v.string(),
  signature: v.optional(v.string()),
  redactedData: v.optional(v.string()),
  providerOptions,
});

const toolCallPart = v.object({
  type: v.literal('tool-call'),
  id: nonEmptyString,
  name: nonEmptyString,
  arguments: v.unknown(),
  providerOptions,
});

const textContent = v.union([v.string(), v.array(textPart)]);

/** One schema per role; the client picks it by `role`, so each message is checked once. */
export const messageSchemas = {
  system: v.object({ role: v.literal('system'), content: textContent, providerOptions }),
  user: v.object({
    role: v.literal('user'),
    content: v.union([v.string(), v.array(v.variant('type', [textPart, imagePart, filePart]))]),
    providerOptions,
  }),
  assistant: v.object({
    role: v.literal('assistant'),
    content: v.union([
      v.string(),
      v.array(v.variant('type', [textPart, reasoningPart, toolCallPart])),
    ]),
    providerOptions,
  }),
  tool: v.object({
    role: v.literal('tool'),
    toolCallId: nonEmptyString,
    toolName: v.optional(nonEmptyString),
    content: textContent,
    isError: v.optional(v.boolean()),
    providerOptions,
  }),
};

export type MessageRole = keyof typeof messageSchemas;

export function isMessageRole(value: unknown): value is MessageRole {
  return typeof value === 'string' && Object.hasOwn(messageSchemas, value);
}

/** OpenAI's rule for function names, which Anthropic and Gemini accept as well. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const tool = v.object({
  name: v.pipe(v.string(), v.regex(TOOL_NAME_PATTERN)),
  description: v.optional(v.string()),
  parameters: plainObject,
  strict: v.optional(v.boolean()),
});

const toolChoice = v.union([
  v.picklist(['auto', 'none', 'required']),
  v.object({ type: v.literal('tool'), name: nonEmptyString }),
]);

const responseFormat = v.variant('type', [
  v.object({ type: v.literal('text') }),
  v.object({ type: v.literal('json') }),
  v.object({
    type: v.literal('json-schema'),
    schema: plainObject,
    name: v.optional(v.pipe(v.string(), v.regex(TOOL_NAME_PATTERN))),
    description: v.optional(v.string()),
    strict: v.optional(v.boolean()),
  }),
]);

const finiteNumber = v.pipe(v.number(), v.finite());
const wholeNumber = v.pipe(v.number(), v.safeInteger());

const reasoning = v.object({
  effort: v.optional(v.picklist(['minimal', 'low', 'medium', 'high'])),
  budgetTokens: v.optional(v.pipe(wholeNumber, v.minValue(0))),
  enabled: v.optional(v.boolean()),
});

/** Duck-typed so a signal from another realm (a test runner, a polyfill) is accepted too. */
const abortSignal = v.custom<AbortSignal>(
  (input) =>
    typeof input === 'object' &&
    input !== null &&
    typeof Reflect.get(input, 'aborted') === 'boolean' &&
    typeof Reflect.get(input, 'addEventListener') === 'function',
  'an AbortSignal',
);

export const chatRequestSchema = v.object({
  model: nonEmptyString,
  // Each message is checked by its role's schema, in validate-chat-request.ts.
  messages: v.pipe(v.array(plainObject), v.minLength(1)),
  temperature: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(2))),
  topP: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(1))),
  maxOutputTokens: v.optional(v.pipe(wholeNumber, v.minValue(1))),
  stop: v.optional(v.array(nonEmptyString)),
  seed: v.optional(wholeNumber),
  tools: v.optional(v.array(tool)),
  toolChoice: v.optional(toolChoice),
  parallelToolCalls: v.optional(v.boolean()),
  responseFormat: v.optional(responseFormat),
  reasoning: v.optional(reasoning),
  metadata: v.optional(plainObject),
  tags: v.optional(v.array(v.string())),
  providerOptions,
  signal: v.optional(abortSignal),
  timeoutMs: v.optional(v.pipe(finiteNumber, v.gtValue(0))),
  includeRaw: v.optional(v.boolean()),
});
