import { getModel, type ModelInfo } from '@stratum/core';

/** Geographic and global inference-profile prefixes (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html). */
const PROFILE_PREFIX = /^(us|eu|apac|au|ca|jp|us-gov|global)\./;

/**
 * The base model or inference-profile id inside an ARN
 * (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-…`,
 * `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-…`), or
 * `undefined` for ARNs that name no catalog model (provisioned throughput, application
 * inference profiles, custom models).
 */
export function modelIdOfArn(arn: string): string | undefined {
  const match =
    /^arn:aws[\w-]*:bedrock:[\w-]*:\d*:(foundation-model|inference-profile)\/(.+)$/.exec(arn);
  return match?.[2];
}

/**
 * Catalog info for ids the catalog does not list as such: ARNs of base models and inference
 * profiles are priced as the model they name. Geographic profile ids (`eu.…`, `apac.…`) that
 * the catalog prices apart resolve before this, to their own, regional, prices.
 */
export function resolveBedrockModelInfo(model: string): ModelInfo | undefined {
  const inner = modelIdOfArn(model);
  if (inner === undefined) return undefined;
  return getModel(`bedrock/${inner}`) ?? getModel(`bedrock/${inner.replace(PROFILE_PREFIX, '')}`);
}

/**
 * Whether a call to `model` is billed at the price of the region the client calls: true for a
 * base model id or a foundation-model ARN, false for an inference profile (`us.…`, `global.…`,
 * profile ARNs), which routes across regions at its own catalog price.
 * https://aws.amazon.com/bedrock/pricing/
 */
export function billedInClientRegion(model: string): boolean {
  if (model.startsWith('arn:')) return /:foundation-model\//.test(model);
  return !PROFILE_PREFIX.test(model);
}

/** The model family an id names, through profiles and ARNs: `anthropic`, `amazon`, `meta`, … */
export function modelFamily(model: string): string {
  const id = modelIdOfArn(model) ?? model;
  return id.replace(PROFILE_PREFIX, '').split('.')[0] ?? '';
}
