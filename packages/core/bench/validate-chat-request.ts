/**
 * What request validation adds to each call, in microseconds: `validateChatRequest` alone,
 * synchronously, on three requests:
 *
 *   minimal     one user message
 *   typical     system prompt, a five-message tool round trip, two tools, sampling settings
 *               and a JSON response schema; tools and schema are the same objects every call,
 *               as an app passes its constants, so their meta-schema check is cached
 *   history     the typical request whose messages are the same objects every call, as a
 *               conversation resends its history: only the request's own fields are checked
 *   new schema  the typical request with fresh tool and schema objects on every call: the
 *               meta-schema check runs each time (an app that builds schemas per request)
 *
 * Every request object is new on every call (an app builds one per call). Beside each figure,
 * the time of `JSON.stringify` of the same request in the same run, a yardstick that moves with
 * the machine's load as the validation does, so runs on a busy machine stay comparable.
 *
 * Median of BENCH_SAMPLES samples of BENCH_CALLS calls each, after a warm-up.
 *   pnpm --filter @stratum/core bench
 */
import type { ChatRequest, ToolDefinition } from '../src/index.js';
import { validateChatRequest } from '../src/validation/validate-chat-request.js';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 200);
const CALLS_PER_SAMPLE = Number(process.env['BENCH_CALLS'] ?? 500);

function weatherTool(): ToolDefinition {
  return {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['c', 'f'] },
      },
      required: ['city'],
      additionalProperties: false,
    },
  };
}

function timeTool(): ToolDefinition {
  return {
    name: 'get_time',
    parameters: { type: 'object', properties: { zone: { type: 'string' } } },
  };
}

function answerSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
    required: ['answer'],
  };
}

const minimal: ChatRequest = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
};

function typical(tools: ToolDefinition[], schema: Record<string, unknown>): ChatRequest {
  return {
    model: 'openai/gpt-4.1-mini',
    temperature: 0.2,
    topP: 0.9,
    maxOutputTokens: 512,
    seed: 7,
    stop: ['END'],
    tools,
    toolChoice: 'auto',
    responseFormat: { type: 'json-schema', name: 'answer', schema },
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: '{"temperature":4}' },
      { role: 'user', content: 'And should I take a coat?' },
    ],
  };
}

const sharedTools = [weatherTool(), timeTool()];
const sharedSchema = answerSchema();

const history = typical(sharedTools, sharedSchema).messages;

const cases: Array<[string, () => ChatRequest]> = [
  ['minimal', () => ({ ...minimal, messages: [{ role: 'user', content: 'What is 2 + 2?' }] })],
  ['typical', () => typical(sharedTools, sharedSchema)],
  ['history', () => ({ ...typical(sharedTools, sharedSchema), messages: history })],
  ['new schema', () => typical([weatherTool(), timeTool()], answerSchema())],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

console.log(`Node ${process.version}, ${SAMPLES} samples × ${CALLS_PER_SAMPLE} calls\n`);
console.log('| request | median µs/call | JSON.stringify µs | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, make] of cases) {
  for (let call = 0; call < 5_000; call += 1) validateChatRequest(make());
  const perCall: number[] = [];
  const yardstick: number[] = [];
  let length = 0;
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    const requests = Array.from({ length: CALLS_PER_SAMPLE }, make);
    const started = process.hrtime.bigint();
    for (const request of requests) validateChatRequest(request);
    const validated = process.hrtime.bigint();
    for (const request of requests) length += JSON.stringify(request).length;
    const stringified = process.hrtime.bigint();
    perCall.push(Number(validated - started) / CALLS_PER_SAMPLE / 1_000);
    yardstick.push(Number(stringified - validated) / CALLS_PER_SAMPLE / 1_000);
  }
  const validation = median(perCall);
  const reference = median(yardstick);
  console.log(
    `| ${name} | ${validation.toFixed(2)} | ${reference.toFixed(2)} | ${(validation / reference).toFixed(1)}× |`,
  );
  if (length === 0) throw new Error('nothing was serialized');
}
