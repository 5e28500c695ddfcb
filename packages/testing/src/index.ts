export * from './anthropic/index.js';
export * from './azure/index.js';
export * from './bedrock/index.js';
export * from './cohere/index.js';
export * from './deepseek/index.js';
export * from './google/index.js';
export * from './groq/index.js';
export * from './mistral/index.js';
export * from './mock/index.js';
export * from './ollama/index.js';
export * from './openai/index.js';
export * from './openai-responses/index.js';
export * from './openrouter/index.js';
export * from './redis/index.js';
export {
  type Exchange,
  type Simulator,
  startHttpSimulator,
  type VendorHandler,
} from './simulator/http-simulator.js';
export * from './simulator/scenario.js';
export * from './simulator/write-helpers.js';
export * from './xai/index.js';
