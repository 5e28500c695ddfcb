import { ConfigurationError } from '@stratum/core';

/**
 * The API key: the setting, else `COHERE_API_KEY`, else the SDK's own `CO_API_KEY`; read at the
 * first call so importing the package never fails.
 */
export function loadCohereApiKey(apiKey: string | undefined): string {
  const key = apiKey || process.env['COHERE_API_KEY'] || process.env['CO_API_KEY'];
  if (!key) {
    throw new ConfigurationError(
      'No Cohere API key: set the COHERE_API_KEY environment variable, or pass apiKey to createCohere({ apiKey }).',
      { provider: 'cohere' },
    );
  }
  return key;
}
