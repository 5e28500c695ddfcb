export interface AzureProviderSettings {
  /**
   * The resource endpoint, `https://<resource>.openai.azure.com`. Default: the
   * AZURE_OPENAI_ENDPOINT environment variable, read at the first call.
   */
  endpoint?: string;
  /** The resource name, for `https://<resourceName>.openai.azure.com`, instead of `endpoint`. */
  resourceName?: string;
  /** Default: the AZURE_OPENAI_API_KEY environment variable, read at the first call. */
  apiKey?: string;
  /**
   * Microsoft Entra ID instead of a key: called before every request for a bearer token
   * (for example `getBearerTokenProvider(new DefaultAzureCredential(),
   * 'https://cognitiveservices.azure.com/.default')` from `@azure/identity`).
   */
  tokenProvider?: () => Promise<string>;
  /** The `api-version` query parameter. Default `2024-10-21`. */
  apiVersion?: string;
  /**
   * The base model behind each deployment, for pricing and model traits:
   * `{ 'prod-chat': 'gpt-4o' }` prices `azure/prod-chat` as `azure/gpt-4o`. Deployments named
   * after their model (`azure/gpt-4o`) need no entry.
   */
  deployments?: Record<string, string>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Abort each HTTP request after this long; the request's own `timeoutMs` applies as well. */
  timeoutMs?: number;
  /** The provider name in model ids; default `azure`. */
  name?: string;
  /** A fetch implementation (proxies, tests). */
  fetch?: typeof globalThis.fetch;
}

export const AZURE_API_KEY_VARIABLE = 'AZURE_OPENAI_API_KEY';
export const AZURE_ENDPOINT_VARIABLE = 'AZURE_OPENAI_ENDPOINT';
/** The latest GA data-plane version. https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';
