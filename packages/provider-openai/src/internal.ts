/**
 * `@stratum/provider-openai/internal`: the pieces the OpenAI-compatible provider packages
 * (Azure, DeepSeek, Groq, Mistral, Ollama, OpenRouter, xAI) build on. Not for applications:
 * these follow the sibling packages' needs and may change in any minor release.
 */
export { type CompatibleDefaults, compatibleBaseSettings } from './compatible-base-settings.js';
export { convertToOpenAIMessages } from './convert-to-openai-messages.js';
// The public types too, so a sibling package imports everything it builds on from here.
export type * from './index.js';
export { readReasoningField } from './map-openai-chat-completion.js';
export { mapOpenAIError, type OpenAIErrorContext } from './map-openai-error.js';
export { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
export { mapOpenAIUsage } from './map-openai-usage.js';
export { isOpenAIReasoningModel } from './openai-provider.js';
