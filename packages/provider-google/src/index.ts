export { convertToGeminiSchema, type GeminiSchemaConversion } from './convert-to-gemini-schema.js';
export { createGoogle, type GoogleProviderSettings, google } from './google-provider.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { mapGeminiUsage } from './map-gemini-usage.js';
export type { GoogleProviderOptions } from './prepare-gemini-request.js';
