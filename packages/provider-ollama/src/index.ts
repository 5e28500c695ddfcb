export { listOllamaModels, type OllamaLocalModel } from './list-ollama-models.js';
export { isConnectionRefused, mapOllamaError } from './map-ollama-error.js';
export { localOllamaModelInfo } from './ollama-model-info.js';
export { createOllama, type OllamaProvider, ollama } from './ollama-provider.js';
export { normalizeOllamaHost, type OllamaProviderSettings } from './ollama-settings.js';
