import * as v from 'valibot';
import { ConfigurationError } from '../errors/error-classes.js';

const EXAMPLE = `import { createClient } from '@stratum/core';
import { createOpenAI } from '@stratum/provider-openai';

const client = createClient({
  providers: [createOpenAI({ apiKey: process.env.OPENAI_API_KEY })],
  middleware: [], // optional, outermost first
  aliases: { fast: 'openai/gpt-4.1-mini' }, // optional
});`;

const objectValue = v.custom<object>(
  (input) => typeof input === 'object' && input !== null,
  'a provider instance',
);

const clientOptionsSchema = v.object({
  providers: v.union([v.array(objectValue), v.record(v.string(), objectValue)]),
  middleware: v.optional(
    v.array(v.object({ name: v.string() }, 'a middleware object with a name, e.g. retry()')),
  ),
  aliases: v.optional(v.record(v.string(), v.pipe(v.string(), v.nonEmpty()))),
});

/**
 * Checks the shape of `createClient`'s options, so a wrong setup fails at start-up with a
 * ConfigurationError that shows a working call, instead of a TypeError on the first request.
 * Each provider's own shape is checked where the providers are registered.
 */
export function validateClientOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw configuration(
      `createClient takes an options object, got ${options === null ? 'null' : typeof options}.`,
    );
  }
  const result = v.safeParse(clientOptionsSchema, options, { abortEarly: true });
  if (result.success) return;
  const issue: v.BaseIssue<unknown> = result.issues[0];
  const path = (issue.path ?? []).map((item) => {
    const key: unknown = item.key;
    return typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  });
  const where = `options${path.join('')}`;
  const found = issue.received === 'undefined' ? 'is missing' : `is ${issue.received}`;
  const expected =
    where === 'options.providers'
      ? 'a list (or record) of providers'
      : (issue.expected ?? issue.message);
  throw configuration(`createClient: ${where} ${found}; expected ${expected}.`);
}

function configuration(problem: string): ConfigurationError {
  return new ConfigurationError(`${problem} Create the client like this:\n\n${EXAMPLE}\n`, {
    retryable: false,
  });
}
