export {
  type GoogleErrorOptions,
  type GoogleRpcErrorBody,
  googleErrorBody,
  invalidApiKeyBody,
  missingApiKeyBody,
} from './gemini-error-body.js';
export {
  type GeminiStepOptions,
  geminiBlockedPromptStep,
  geminiFinishStep,
} from './gemini-steps.js';
export type * from './gemini-wire-types.js';
export {
  createGoogleHandler,
  type GoogleSimulator,
  type GoogleSimulatorOptions,
  startGoogleSimulator,
} from './google-simulator.js';
export { apiKeyOf } from './read-gemini-request.js';
export {
  type GeminiRenderContext,
  renderGeminiChunks,
  renderGeminiResponse,
  toGeminiUsageMetadata,
} from './render-gemini-response.js';
