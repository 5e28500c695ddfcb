import type { ModelInfo } from '@stratum/core';
import { NO_CAPABILITIES } from '@stratum/core/provider-kit';

/**
 * What Stratum knows about a local model the catalog does not list: it runs on your own
 * hardware, so its prices are zero and its cost a real $0. Its capabilities are unknown
 * (Ollama serves any model), so none are claimed.
 */
export function localOllamaModelInfo(provider: string, model: string): ModelInfo {
  return {
    id: `${provider}/${model}`,
    provider,
    name: model,
    pricing: { input: 0, output: 0 },
    local: true,
    capabilities: { ...NO_CAPABILITIES },
    source: 'registered',
  };
}
