export { createGroq, groq } from './groq-provider.js';
export type { GroqProviderSettings } from './groq-settings.js';
export { groqResetMs, mapGroqError } from './map-groq-error.js';
export { copyGroqStreamUsage } from './map-groq-usage.js';
