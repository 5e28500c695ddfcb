export { createDeepSeekMessageConverter } from './convert-to-deepseek-messages.js';
export { createDeepSeek, deepseek } from './deepseek-provider.js';
export type { DeepSeekProviderSettings } from './deepseek-settings.js';
export { mapDeepSeekUsage } from './map-deepseek-usage.js';
