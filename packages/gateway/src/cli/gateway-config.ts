import { ConfigurationError } from '@stratum/core';
import * as v from 'valibot';
import { checkConfig } from '../config/check-config.js';
import { keysSchema, redisSchema } from '../config/keys-config.js';
import {
  cacheSchema,
  circuitBreakerSchema,
  fallbacksSchema,
  rateLimitSchema,
  retrySchema,
} from '../config/resilience-config.js';
import { routesSchema } from '../config/routes-config.js';
import { budgetsSchema, trackerSchema } from '../config/tracking-config.js';

/**
 * The vendors the command can build from a key and a base URL. Azure and Bedrock need settings
 * of their own (deployments, AWS credentials), so they are served from code with `createGateway`.
 */
export const VENDORS = [
  'openai',
  'anthropic',
  'google',
  'cohere',
  'deepseek',
  'groq',
  'mistral',
  'ollama',
  'openrouter',
  'xai',
] as const;

export type Vendor = (typeof VENDORS)[number];

const providerSchema = v.strictObject({
  vendor: v.picklist(VENDORS, `must be one of ${VENDORS.join(', ')}`),
  /**
   * The name of the environment variable holding the key, never the key itself, so the config
   * file can be committed. Omitted: the vendor's own variable (`OPENAI_API_KEY`, ...).
   */
  apiKeyEnv: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')),
  ),
  baseURL: v.optional(v.pipe(v.string(), v.url('must be a URL such as http://127.0.0.1:8080/v1'))),
});

const configSchema = v.strictObject({
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65_535)), 4141),
  host: v.optional(v.string(), '127.0.0.1'),
  providers: v.pipe(v.array(providerSchema), v.minLength(1, 'needs at least one provider')),
  maxBodyBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  shutdownDeadlineMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  headersTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  requestTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  keepAliveTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  routes: v.optional(routesSchema),
  fallbacks: v.optional(fallbacksSchema),
  retry: v.optional(retrySchema),
  circuitBreaker: v.optional(circuitBreakerSchema),
  cache: v.optional(cacheSchema),
  rateLimit: v.optional(rateLimitSchema),
  tracker: v.optional(trackerSchema, { store: 'memory' }),
  budgets: v.optional(budgetsSchema),
  keys: v.optional(keysSchema),
  redis: v.optional(redisSchema),
});

export type GatewayConfig = v.InferOutput<typeof configSchema>;
export type ProviderConfig = GatewayConfig['providers'][number];

/**
 * Reads the `stratum-gateway` config file's JSON; a bad field is a `ConfigurationError` that
 * names the field and what it must be.
 */
export function parseGatewayConfig(text: string, source: string): GatewayConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const result = v.safeParse(configSchema, json);
  if (!result.success)
    throw new ConfigurationError(`${source}: ${describeIssue(result.issues[0])}`);
  const problem = checkConfig(result.output);
  if (problem) throw new ConfigurationError(`${source}: "${problem.path}" ${problem.message}`);
  return result.output;
}

/** Fields that would put a secret in the file, and the field that names its variable instead. */
const SECRET_FIELDS: Record<string, string> = {
  apiKey: 'apiKeyEnv',
  key: 'keyEnv (or keyHash, its SHA-256)',
  password: 'urlEnv',
};

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const keys = issue.path?.map((item) => String(item.key)) ?? [];
  const path = keys.join('.') || '(top level)';
  const last = keys.at(-1) ?? '';
  // A strict object's unknown field: valibot says "expected never".
  if (issue.path?.at(-1)?.origin === 'key') {
    if (issue.expected !== 'never') return `"${path}" is missing: add it.`;
    const instead = SECRET_FIELDS[last];
    return instead
      ? `"${path}" is not allowed: the file must hold no secret; use ${instead}, the name of the environment variable holding it.`
      : `"${path}" is not a known field: check its spelling against the config reference in the @stratum/gateway README, or remove it.`;
  }
  const message = issue.message.startsWith('Invalid ')
    ? `is not valid (${issue.message})`
    : issue.message;
  return `"${path}" ${message}.`;
}
