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
  OpenAIChatMessage,
  OpenAICompatibleCallContext,
  OpenAICompatibleChunkHandler,
  OpenAICompatibleErrorContext,
  OpenAICompatibleHooks,
  OpenAICompatibleMessageConverter,
  OpenAICompatibleSettings,
} from './openai-compatible-settings.js';
export { createOpenAI, type OpenAIProviderSettings, openai } from './openai-provider.js';
