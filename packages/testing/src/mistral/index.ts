export {
  type MistralErrorBody,
  mistralErrorBody,
  mistralExtraFieldsBody,
} from './mistral-errors.js';
export {
  createMistralHandler,
  type MistralSimulatorOptions,
  startMistralSimulator,
} from './mistral-simulator.js';
export {
  mistralToolCallId,
  renderMistralChunks,
  renderMistralCompletion,
  renderMistralUsage,
} from './render-mistral-chunks.js';
