export { mapXaiError } from './map-xai-error.js';
export { mapXaiUsage, readXaiCost } from './map-xai-usage.js';
export { createXai, xai } from './xai-provider.js';
export type { XaiProviderSettings } from './xai-settings.js';
