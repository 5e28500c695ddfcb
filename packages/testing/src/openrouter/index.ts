export {
  createOpenRouterHandler,
  type OpenRouterErrorBody,
  type OpenRouterSimulatorOptions,
  openRouterErrorBody,
  startOpenRouterSimulator,
} from './openrouter-simulator.js';
