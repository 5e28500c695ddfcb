import type { CallRecord } from '../../src/index.js';

const MODELS = [
  ['openai', 'openai/gpt-4.1-mini'],
  ['openai', 'openai/gpt-4.1'],
  ['anthropic', 'anthropic/claude-sonnet-4-5'],
  ['google', 'google/gemini-2.5-flash'],
  ['mistral', 'mistral/mistral-large-latest'],
] as const;
const USERS = ['alice', 'bob', 'carol', 'dave'];

/** A deterministic generator (mulberry32), so every run builds the same records. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` calls spread evenly over [from, to), with varied models, users, tokens and costs. */
export function* syntheticRecords(
  count: number,
  from: number,
  to: number,
  seed = 1,
): Generator<CallRecord> {
  const random = seededRandom(seed);
  const step = (to - from) / count;
  for (let index = 0; index < count; index += 1) {
    const [provider, model] = MODELS[index % MODELS.length] ?? MODELS[0];
    const inputTokens = 1 + Math.floor(random() * 5_000);
    const outputTokens = Math.floor(random() * 1_000);
    const input = inputTokens * 400_000 + Math.floor(random() * 7);
    const output = outputTokens * 1_600_000 + Math.floor(random() * 13);
    const failed = index % 97 === 0;
    yield {
      id: `call-${seed}-${index}`,
      time: Math.floor(from + index * step),
      operation: index % 3 === 0 ? 'stream' : 'chat',
      requestedModel: model,
      model,
      responseId: `response-${index}`,
      responseModel: model,
      provider,
      attempts: 1,
      tags: { user: USERS[index % USERS.length] ?? 'alice', team: index % 2 ? 'search' : 'ads' },
      inputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens,
      reasoningTokens: 0,
      cost: failed
        ? { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0, total: 0 }
        : { input, cacheRead: 0, cacheWrite: 0, output, reasoning: 0, total: input + output },
      priced: true,
      latencyMs: 50 + random() * 2_000,
      timeToFirstTokenMs: undefined,
      finishReason: failed ? undefined : 'stop',
      errorClass: failed ? 'RateLimitError' : undefined,
      cacheHit: false,
      estimated: false,
    };
  }
}
