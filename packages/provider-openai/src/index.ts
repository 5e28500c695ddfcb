export { convertToOpenAIMessages } from './convert-to-openai-messages.js';
export { readReasoningField } from './map-openai-chat-completion.js';
export { mapOpenAIError, type OpenAIErrorContext } from './map-openai-error.js';
export { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
export { mapOpenAIUsage } from './map-openai-usage.js';
export type {
  OpenAIChatRequestBody,
  OpenAICompatibleChoice,
  OpenAICompatibleChunk,
  OpenAICompatibleCompletion,
  OpenAICompatibleMessage,
  OpenAICompatibleToolCall,
  OpenAICompatibleUsage,
} from './openai-chat-api-types.js';
export { createOpenAICompatible } from './openai-compatible-provider.js';
export type {
  OpenAICompatibleCallContext,
  OpenAICompatibleHooks,
  OpenAICompatibleSettings,
} from './openai-compatible-settings.js';
export {
  createOpenAI,
  isOpenAIReasoningModel,
  type OpenAIProviderSettings,
  openai,
} from './openai-provider.js';
