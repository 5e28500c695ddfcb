export { cohereErrorBody, cohereErrorMessage } from './cohere-errors.js';
export {
  type CohereSimulator,
  createCohereHandler,
  startCohereSimulator,
} from './cohere-simulator.js';
export {
  renderCohereResponse,
  renderCohereStreamEvents,
  renderCohereUsage,
} from './render-cohere-response.js';
