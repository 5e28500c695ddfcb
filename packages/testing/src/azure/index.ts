export {
  AZURE_VIOLENCE_FILTER_RESULT,
  type AzureErrorBody,
  azureErrorBody,
  azureErrorHeaders,
} from './azure-errors.js';
export {
  type AzureSimulatorOptions,
  createAzureHandler,
  startAzureSimulator,
} from './azure-simulator.js';
