import { getModel, type ModelInfo } from '@stratum/core';

/**
 * The catalog entry a deployment is priced as: Azure's own entry for its base model (from
 * `deployments`, else the deployment's own name), else OpenAI's, as Azure bills the same models
 * at OpenAI's list prices in most regions. The entry is
 * returned under the deployment's id and name, so the deployment name is what gets sent.
 */
export function azureDeploymentInfo(
  provider: string,
  deployment: string,
  deployments: Record<string, string> | undefined,
): ModelInfo | undefined {
  // Unmapped, the deployment is taken to be named after its model (the usual practice).
  const base = deployments?.[deployment] ?? deployment;
  const info = getModel(`azure/${base}`) ?? getModel(`openai/${base}`);
  if (!info) return undefined;
  const { aliases: _aliases, ...rest } = info;
  return { ...rest, id: `${provider}/${deployment}`, provider, name: deployment };
}

/** The model behind a deployment: the mapped base model, or the deployment's own name. */
export function azureBaseModel(
  deployment: string,
  deployments: Record<string, string> | undefined,
) {
  return deployments?.[deployment] ?? deployment;
}
