import { ConfigurationError } from '@stratum/core';
import * as v from 'valibot';

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
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') || '(top level)';
  throw new ConfigurationError(`${source}: "${path}" ${issue.message}.`);
}
