export { createMistralMessageConverter } from './convert-to-mistral-messages.js';
export { mapMistralError } from './map-mistral-error.js';
export { createMistralToolCallIndexer, readMistralReasoning } from './map-mistral-response.js';
export { createMistral, mistral } from './mistral-provider.js';
export type { MistralProviderSettings } from './mistral-settings.js';
export { MistralToolCallIds } from './mistral-tool-call-ids.js';
