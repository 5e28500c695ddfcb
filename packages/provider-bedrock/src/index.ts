export { modelIdOfArn, resolveBedrockModelInfo } from './bedrock-model-id.js';
export { type BedrockProviderSettings, bedrock, createBedrock } from './bedrock-provider.js';
export type { BedrockCredentials } from './load-bedrock-credentials.js';
export { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
export { mapBedrockUsage } from './map-bedrock-usage.js';
