export { mapOpenRouterError } from './map-openrouter-error.js';
export { readOpenRouterCost } from './map-openrouter-usage.js';
export { createOpenRouter, openrouter } from './openrouter-provider.js';
export type { OpenRouterProviderSettings } from './openrouter-settings.js';
