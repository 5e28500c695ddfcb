/**
 * Which LiteLLM entries become Stratum catalog models, and under which id.
 *
 * LiteLLM keys models by its own routing ids (`gemini/gemini-2.5-pro`, `groq/llama-3.3-70b-versatile`,
 * `azure/eu/gpt-5.1`). Stratum's id is `provider/name`, where `name` is what the vendor's API
 * takes, so LiteLLM's routing prefixes are stripped and entries whose name is not a vendor id
 * (regional price lists, commitment plans) are left out with a reason.
 */
export interface ProviderSource {
  /** Stratum's provider name: the `provider/` part of model ids. */
  provider: string;
  /** LiteLLM's `litellm_provider` values that feed this provider. */
  litellmProviders: readonly string[];
  /** Prefixes LiteLLM puts in front of the vendor's id in its keys; the first match is stripped. */
  keyPrefixes: readonly string[];
  /** Why an entry is left out, or `undefined` to keep it. */
  exclude?(name: string, entry: Readonly<Record<string, unknown>>): string | undefined;
  /** Models that run on the user's own machine: zero prices and `local: true`. */
  isLocal?(name: string): boolean;
  /**
   * A region's own price list for a model (`eu-central-1/meta.llama3-…`): the region and the
   * model's id, so its prices become that model's `regions` entry, not a model of their own.
   */
  regionalKey?(name: string): { region: string; model: string } | undefined;
}

/** An AWS region name: `us-east-1`, `eu-central-1`, `us-gov-west-1`, `ap-southeast-3`. */
const AWS_REGION = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)\/([^/]+)$/;

/** LiteLLM modes that are conversational models; `responses` marks models only OpenAI's Responses API serves. */
export const CHAT_MODES: ReadonlySet<string> = new Set(['chat', 'responses']);

function outputsNoText(entry: Readonly<Record<string, unknown>>): boolean {
  const modalities = entry['supported_output_modalities'];
  return Array.isArray(modalities) && !modalities.includes('text');
}

export const PROVIDER_SOURCES: readonly ProviderSource[] = [
  { provider: 'openai', litellmProviders: ['openai'], keyPrefixes: ['openai/'] },
  { provider: 'anthropic', litellmProviders: ['anthropic'], keyPrefixes: ['anthropic/'] },
  {
    provider: 'google',
    litellmProviders: ['gemini'],
    keyPrefixes: ['gemini/'],
    exclude(name, entry) {
      if (outputsNoText(entry)) return 'no text output (speech or music generation)';
      // https://ai.google.dev/gemini-api/docs/live: these models only answer over the Live API WebSocket.
      if (/native-audio|-live-/.test(name)) return 'Live API only, not generateContent';
      return undefined;
    },
  },
  { provider: 'deepseek', litellmProviders: ['deepseek'], keyPrefixes: ['deepseek/'] },
  { provider: 'groq', litellmProviders: ['groq'], keyPrefixes: ['groq/'] },
  { provider: 'xai', litellmProviders: ['xai'], keyPrefixes: ['xai/'] },
  { provider: 'openrouter', litellmProviders: ['openrouter'], keyPrefixes: ['openrouter/'] },
  {
    provider: 'ollama',
    litellmProviders: ['ollama'],
    keyPrefixes: ['ollama/'],
    // `*-cloud` tags run on ollama.com's servers, not on the user's machine.
    isLocal: (name) => !/[-:]cloud$/.test(name),
  },
  {
    provider: 'azure',
    litellmProviders: ['azure'],
    keyPrefixes: ['azure/'],
    exclude: (name) =>
      name.includes('/')
        ? 'regional or data-zone price list (azure/eu/…, azure/us/…, azure/global/…), not a model id'
        : undefined,
  },
  { provider: 'mistral', litellmProviders: ['mistral'], keyPrefixes: ['mistral/'] },
  {
    provider: 'cohere',
    litellmProviders: ['cohere_chat'],
    keyPrefixes: ['cohere_chat/', 'cohere/'],
  },
  {
    provider: 'bedrock',
    litellmProviders: ['bedrock', 'bedrock_converse'],
    keyPrefixes: ['bedrock/', 'bedrock_converse/'],
    // https://aws.amazon.com/bedrock/pricing/: an in-region call is billed at the region's price.
    regionalKey(name) {
      const match = AWS_REGION.exec(name);
      return match?.[1] && match[2] ? { region: match[1], model: match[2] } : undefined;
    },
    exclude: (name) =>
      name.includes('/')
        ? 'region-specific, commitment-plan or invoke-route price list, not a model id'
        : undefined,
  },
];

export function sourceFor(litellmProvider: unknown): ProviderSource | undefined {
  if (typeof litellmProvider !== 'string') return undefined;
  return PROVIDER_SOURCES.find((source) => source.litellmProviders.includes(litellmProvider));
}
