import { ConfigurationError } from '@stratum/core';

/**
 * A fetch that puts a fresh Entra ID bearer token on every request. The token provider caches
 * and refreshes tokens itself (as `@azure/identity`'s does); a failure to get one is a
 * ConfigurationError, and the token never reaches a URL or an error message.
 */
export function fetchWithBearerToken(
  tokenProvider: () => Promise<string>,
  provider: string,
  baseFetch: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    let token: string;
    try {
      token = await tokenProvider();
    } catch (error) {
      throw new ConfigurationError(
        `The ${provider} provider's tokenProvider failed to return an Entra ID token: ${error instanceof Error ? error.message : String(error)}. Check the credential and its role on the resource (Cognitive Services OpenAI User).`,
        { provider, cause: error },
      );
    }
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    headers.delete('api-key');
    return baseFetch(input, { ...init, headers });
  };
}
