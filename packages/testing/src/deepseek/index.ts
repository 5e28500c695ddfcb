export {
  createDeepSeekHandler,
  type DeepSeekSimulatorOptions,
  deepSeekErrorBody,
  renderDeepSeekUsage,
  startDeepSeekSimulator,
} from './deepseek-simulator.js';
