export type { CohereProviderOptions } from './cohere-options.js';
export { type CohereProviderSettings, cohere, createCohere } from './cohere-provider.js';
export { mapCohereFinishReason } from './map-cohere-finish-reason.js';
export { mapCohereUsage } from './map-cohere-usage.js';
