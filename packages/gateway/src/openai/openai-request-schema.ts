import * as v from 'valibot';

/**
 * The Chat Completions request body, as documented at
 * https://platform.openai.com/docs/api-reference/chat/create. Fields the gateway does not map
 * (logprobs, penalties, user) are accepted and left out, as OpenAI-compatible servers do.
 */
const textPart = v.object({ type: v.literal('text'), text: v.string() });
const imagePart = v.object({
  type: v.literal('image_url'),
  image_url: v.object({
    url: v.pipe(v.string(), v.minLength(1)),
    detail: v.optional(v.picklist(['auto', 'low', 'high'])),
  }),
});
const filePart = v.object({
  type: v.literal('file'),
  file: v.object({ file_data: v.string(), filename: v.optional(v.string()) }),
});
const refusalPart = v.object({ type: v.literal('refusal'), refusal: v.string() });

const toolCall = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  type: v.optional(v.literal('function')),
  function: v.object({ name: v.pipe(v.string(), v.minLength(1)), arguments: v.string() }),
});

const textContent = v.union([v.string(), v.array(textPart)]);

export const openAIMessageSchema = v.variant('role', [
  v.object({ role: v.literal('system'), content: textContent }),
  v.object({ role: v.literal('developer'), content: textContent }),
  v.object({
    role: v.literal('user'),
    content: v.union([v.string(), v.array(v.variant('type', [textPart, imagePart, filePart]))]),
  }),
  v.object({
    role: v.literal('assistant'),
    content: v.nullish(v.union([v.string(), v.array(v.variant('type', [textPart, refusalPart]))])),
    tool_calls: v.optional(v.array(toolCall)),
  }),
  v.object({
    role: v.literal('tool'),
    tool_call_id: v.pipe(v.string(), v.minLength(1)),
    content: textContent,
  }),
]);

const functionTool = v.object({
  type: v.literal('function'),
  function: v.object({
    name: v.pipe(v.string(), v.minLength(1)),
    description: v.optional(v.string()),
    parameters: v.optional(v.record(v.string(), v.unknown())),
    strict: v.nullish(v.boolean()),
  }),
});

const toolChoice = v.union([
  v.picklist(['auto', 'none', 'required']),
  v.object({ type: v.literal('function'), function: v.object({ name: v.string() }) }),
]);

const responseFormat = v.variant('type', [
  v.object({ type: v.literal('text') }),
  v.object({ type: v.literal('json_object') }),
  v.object({
    type: v.literal('json_schema'),
    json_schema: v.object({
      name: v.string(),
      description: v.optional(v.string()),
      schema: v.optional(v.record(v.string(), v.unknown())),
      strict: v.nullish(v.boolean()),
    }),
  }),
]);

const finiteNumber = v.pipe(v.number(), v.finite());
const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));

export const openAIRequestSchema = v.looseObject({
  model: v.pipe(v.string(), v.minLength(1)),
  messages: v.pipe(v.array(openAIMessageSchema), v.minLength(1)),
  stream: v.nullish(v.boolean()),
  stream_options: v.nullish(v.object({ include_usage: v.optional(v.boolean()) })),
  temperature: v.nullish(finiteNumber),
  top_p: v.nullish(finiteNumber),
  max_tokens: v.nullish(positiveInteger),
  max_completion_tokens: v.nullish(positiveInteger),
  stop: v.nullish(v.union([v.string(), v.array(v.string())])),
  seed: v.nullish(v.pipe(v.number(), v.integer())),
  n: v.nullish(v.pipe(v.number(), v.literal(1))),
  tools: v.nullish(v.array(functionTool)),
  tool_choice: v.nullish(toolChoice),
  parallel_tool_calls: v.nullish(v.boolean()),
  response_format: v.nullish(responseFormat),
  reasoning_effort: v.nullish(v.picklist(['minimal', 'low', 'medium', 'high'])),
  metadata: v.nullish(v.record(v.string(), v.string())),
});

export type OpenAIRequest = v.InferOutput<typeof openAIRequestSchema>;
export type OpenAIMessage = v.InferOutput<typeof openAIMessageSchema>;
