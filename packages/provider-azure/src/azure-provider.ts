import { ConfigurationError, type Provider, StratumError } from '@stratum/core';
import { readApiKey } from '@stratum/core/provider-kit';
import { createOpenAICompatible } from '@stratum/provider-openai';
import { isOpenAIReasoningModel } from '@stratum/provider-openai/internal';
import { fetchWithBearerToken } from './azure-auth.js';
import { azureBaseModel, azureDeploymentInfo } from './azure-deployments.js';
import {
  AZURE_API_KEY_VARIABLE,
  AZURE_DEFAULT_API_VERSION,
  AZURE_ENDPOINT_VARIABLE,
  type AzureProviderSettings,
} from './azure-settings.js';
import { mapAzureError } from './map-azure-error.js';

/**
 * Azure OpenAI's Chat Completions on deployments
 * (`POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...`), through
 * `createOpenAICompatible`. Model ids are `azure/<deployment>`. The key goes in the `api-key`
 * header (never the URL), or an Entra ID token in `Authorization`.
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference
 */
export function createAzure(settings: AzureProviderSettings = {}): Provider {
  const name = settings.name ?? 'azure';
  let inner: Provider | undefined;
  const provider = (): Provider => {
    inner ??= createDeploymentsProvider(name, settings);
    return inner;
  };
  return {
    name,
    resolveModelInfo: (deployment) => azureDeploymentInfo(name, deployment, settings.deployments),
    chat: (request) => provider().chat(request),
    stream: (request) => provider().stream(request),
  };
}

function createDeploymentsProvider(name: string, settings: AzureProviderSettings): Provider {
  const endpoint = resolveEndpoint(name, settings);
  const apiKey = readApiKey({
    provider: name,
    apiKey: settings.apiKey,
    environmentVariable: AZURE_API_KEY_VARIABLE,
  });
  if (!settings.tokenProvider && !apiKey) {
    throw new ConfigurationError(
      `No credentials for the ${name} provider. Set the ${AZURE_API_KEY_VARIABLE} environment variable, or pass apiKey, or tokenProvider for Microsoft Entra ID, when you create the provider.`,
      { provider: name },
    );
  }
  const entraId = settings.tokenProvider;
  return createOpenAICompatible({
    name,
    baseURL: `${endpoint}/openai`,
    apiKey: entraId ? undefined : apiKey,
    apiKeyRequired: !entraId,
    authHeaders: (key) => ({ 'api-key': key }),
    queryParameters: { 'api-version': settings.apiVersion ?? AZURE_DEFAULT_API_VERSION },
    chatCompletionsPath: (deployment) =>
      `/deployments/${encodeURIComponent(deployment)}/chat/completions`,
    headers: settings.headers,
    fetch: entraId ? fetchWithBearerToken(entraId, name, settings.fetch) : settings.fetch,
    timeoutMs: settings.timeoutMs,
    providerOptionsKey: 'azure',
    // Reasoning deployments (o-series, gpt-5) reject max_tokens.
    maxTokensParameter: 'max_completion_tokens',
    isReasoningModel: (deployment, info) =>
      isOpenAIReasoningModel(azureBaseModel(deployment, settings.deployments), info),
    mapError: (error, context) =>
      stratumCause(error) ?? mapAzureError(error, { provider: name, model: context.model }),
  });
}

function resolveEndpoint(name: string, settings: AzureProviderSettings): string {
  const configured =
    settings.endpoint ??
    (settings.resourceName ? `https://${settings.resourceName}.openai.azure.com` : undefined) ??
    (globalThis.process?.env[AZURE_ENDPOINT_VARIABLE] || undefined);
  if (!configured) {
    throw new ConfigurationError(
      `No endpoint for the ${name} provider. Set the ${AZURE_ENDPOINT_VARIABLE} environment variable to https://<resource>.openai.azure.com, or pass endpoint or resourceName when you create the provider.`,
      { provider: name },
    );
  }
  let url: URL;
  try {
    url = new URL(configured);
  } catch (error) {
    throw new ConfigurationError(
      `The ${name} provider's endpoint "${configured}" is not a URL; it looks like https://<resource>.openai.azure.com.`,
      { provider: name, cause: error },
    );
  }
  // Accept the endpoint with or without the `/openai` path the portal sometimes shows.
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/openai$/, '')}`;
}

/** A Stratum error raised inside fetch (the token provider's) and wrapped by the SDK. */
function stratumCause(error: unknown): StratumError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    if (StratumError.is(current)) return current;
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}

/** Azure OpenAI from AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY, read at the first call. */
export const azure: Provider = createAzure();
