export {
  type OpenAIErrorBody,
  openAIErrorBody,
  openAIErrorHeaders,
} from './openai-error-bodies.js';
export {
  createOpenAIHandler,
  type OpenAISimulator,
  type OpenAISimulatorOptions,
  startOpenAISimulator,
} from './openai-simulator.js';
export { createRecordingFetch } from './recording-fetch.js';
export { renderOpenAIUsage } from './render-openai-completion.js';
