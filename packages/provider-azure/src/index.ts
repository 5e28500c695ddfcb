export { fetchWithBearerToken } from './azure-auth.js';
export { azureDeploymentInfo } from './azure-deployments.js';
export { azure, createAzure } from './azure-provider.js';
export type { AzureProviderSettings } from './azure-settings.js';
export { mapAzureError } from './map-azure-error.js';
