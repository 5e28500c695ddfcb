export {
  createXaiHandler,
  renderXaiUsage,
  startXaiSimulator,
  type XaiErrorBody,
  type XaiSimulatorOptions,
  xaiErrorBody,
} from './xai-simulator.js';
