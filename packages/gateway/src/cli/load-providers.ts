import { ConfigurationError, type Provider } from '@stratum/core';
import type { ProviderConfig, Vendor } from './gateway-config.js';

/** Each vendor's package and the factory it exports; the packages are installed as needed. */
const FACTORIES: Record<Vendor, { packageName: string; factory: string }> = {
  openai: { packageName: '@stratum/provider-openai', factory: 'createOpenAI' },
  anthropic: { packageName: '@stratum/provider-anthropic', factory: 'createAnthropic' },
  google: { packageName: '@stratum/provider-google', factory: 'createGoogle' },
  cohere: { packageName: '@stratum/provider-cohere', factory: 'createCohere' },
  deepseek: { packageName: '@stratum/provider-deepseek', factory: 'createDeepSeek' },
  groq: { packageName: '@stratum/provider-groq', factory: 'createGroq' },
  mistral: { packageName: '@stratum/provider-mistral', factory: 'createMistral' },
  ollama: { packageName: '@stratum/provider-ollama', factory: 'createOllama' },
  openrouter: { packageName: '@stratum/provider-openrouter', factory: 'createOpenRouter' },
  xai: { packageName: '@stratum/provider-xai', factory: 'createXai' },
};

type ProviderFactory = (settings: {
  apiKey?: string;
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
}) => unknown;

/**
 * Builds the configured providers. Keys come from the environment variables the config names,
 * so the file itself holds no secret; an error names the variable, never its value. Each gets
 * `fetch` for its SDK's HTTP calls (the gateway's pooled upstream fetch).
 */
export async function loadProviders(
  providers: ProviderConfig[],
  environment: NodeJS.ProcessEnv = process.env,
  fetch?: typeof globalThis.fetch,
): Promise<Provider[]> {
  const loaded: Provider[] = [];
  for (const config of providers) {
    const { packageName, factory } = FACTORIES[config.vendor];
    let apiKey: string | undefined;
    if (config.apiKeyEnv) {
      apiKey = environment[config.apiKeyEnv]?.trim();
      if (!apiKey)
        throw new ConfigurationError(
          `The ${config.vendor} provider reads its key from $${config.apiKeyEnv}, which is not set: export it, or remove "apiKeyEnv" to use the vendor's default variable.`,
          { provider: config.vendor },
        );
    }
    const create = await importFactory(packageName, factory);
    const provider = create({
      ...(apiKey ? { apiKey } : {}),
      ...(config.baseURL ? { baseURL: config.baseURL } : {}),
      ...(fetch ? { fetch } : {}),
    });
    if (!isProvider(provider))
      throw new ConfigurationError(`${packageName}'s ${factory} did not return a provider.`);
    loaded.push(provider);
  }
  return loaded;
}

async function importFactory(packageName: string, factory: string): Promise<ProviderFactory> {
  let module: Record<string, unknown>;
  try {
    module = await import(packageName);
  } catch (error) {
    throw new ConfigurationError(
      `The config uses ${packageName}, which is not installed: add it next to @stratum/gateway (npm install ${packageName}).`,
      { cause: error },
    );
  }
  const create = module[factory];
  if (!isFactory(create))
    throw new ConfigurationError(`${packageName} exports no ${factory} function.`);
  return create;
}

function isFactory(value: unknown): value is ProviderFactory {
  return typeof value === 'function';
}

function isProvider(value: unknown): value is Provider {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof value.name === 'string' &&
    'chat' in value &&
    typeof value.chat === 'function' &&
    'stream' in value &&
    typeof value.stream === 'function'
  );
}
