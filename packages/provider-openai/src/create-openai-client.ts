import { loadApiKey, readApiKey } from '@stratum/core/provider-kit';
import OpenAI from 'openai';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

export interface OpenAIClientHandle {
  client: OpenAI;
  /** Kept only to scrub it from error messages. */
  apiKey: string | undefined;
}

/**
 * Builds the SDK client at the first call, so a missing key fails that call with a clear
 * ConfigurationError instead of failing at import. The SDK's own retries are off: retrying is
 * the retry middleware's job. Nothing is read from the SDK's environment variables
 * (OPENAI_BASE_URL, OPENAI_ORG_ID ...): every value is passed explicitly.
 */
export function lazyOpenAIClient(settings: OpenAICompatibleSettings): () => OpenAIClientHandle {
  let handle: OpenAIClientHandle | undefined;
  return () => {
    if (handle) return handle;
    const keyOptions = {
      provider: settings.name,
      apiKey: settings.apiKey,
      environmentVariable: settings.apiKeyEnvironmentVariable,
    };
    const apiKey =
      settings.apiKeyRequired === false ? readApiKey(keyOptions) : loadApiKey(keyOptions);
    const headers: Record<string, string | null> = {};
    if (!apiKey) headers['Authorization'] = null;
    else if (settings.authHeaders) {
      headers['Authorization'] = null;
      Object.assign(headers, settings.authHeaders(apiKey));
    }
    Object.assign(headers, settings.headers);
    handle = {
      apiKey,
      client: new OpenAI({
        // The SDK insists on a credential; without a key its Authorization header is removed above.
        apiKey: apiKey || 'no-key',
        baseURL: settings.baseURL,
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        defaultHeaders: headers,
        defaultQuery: settings.queryParameters,
        fetch: settings.fetch,
        timeout: settings.timeoutMs,
        maxRetries: 0,
        // Failures reach the caller as typed errors; the SDK need not print them too.
        logLevel: 'off',
      }),
    };
    return handle;
  };
}
