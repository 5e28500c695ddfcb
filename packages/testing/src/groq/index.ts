export { groqErrorBody, groqErrorHeaders } from './groq-errors.js';
export {
  createGroqHandler,
  type GroqSimulatorOptions,
  renderGroqUsage,
  startGroqSimulator,
} from './groq-simulator.js';
