export type { AnthropicCacheControl, AnthropicProviderOptions } from './anthropic-options.js';
export {
  type AnthropicProviderSettings,
  anthropic,
  createAnthropic,
  DEFAULT_TIMEOUT_MS,
} from './anthropic-provider.js';
export { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
export { type AnthropicUsage, mapAnthropicUsage } from './map-anthropic-usage.js';
export { JSON_TOOL_NAME } from './prepare-anthropic-request.js';
export {
  DEFAULT_MAX_TOKENS,
  EFFORT_BUDGETS,
  MIN_THINKING_BUDGET,
} from './prepare-anthropic-thinking.js';
