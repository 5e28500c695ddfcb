export {
  createOllamaHandler,
  type OllamaLocalModel,
  type OllamaSimulatorOptions,
  ollamaErrorBody,
  renderOllamaUsage,
  startOllamaSimulator,
} from './ollama-simulator.js';
