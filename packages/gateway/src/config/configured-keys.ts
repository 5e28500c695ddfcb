import { ConfigurationError } from '@stratum/core';
import { type Budget, budget } from '@stratum/tracker';
import type { GatewayKey } from '../gateway-options.js';
import type { KeysConfig } from './keys-config.js';
import type { BudgetsConfig } from './tracking-config.js';

/**
 * The config's keys as `createGateway({ keys })` takes them. A `keyEnv` key is read from the
 * environment here and hashed by the gateway at start-up; errors name the variable, never
 * its value.
 */
export function configuredKeys(
  keys: KeysConfig | undefined,
  environment: NodeJS.ProcessEnv,
): GatewayKey[] | undefined {
  return keys?.map((key, index) => {
    const common = {
      id: key.id,
      ...(key.allowedModels ? { allowedModels: key.allowedModels } : {}),
      ...(key.tags ? { tags: key.tags } : {}),
      ...(key.rateLimit ? { rateLimit: key.rateLimit } : {}),
    };
    if (key.keyHash !== undefined) return { ...common, keyHash: key.keyHash.toLowerCase() };
    const value = key.keyEnv === undefined ? undefined : environment[key.keyEnv]?.trim();
    if (!value) {
      throw new ConfigurationError(
        `"keys.${index}.keyEnv" names $${key.keyEnv}, which is not set: export the key of ${key.id} in it, or give its SHA-256 as "keyHash".`,
      );
    }
    return { ...common, key: value };
  });
}

/**
 * The file's budgets plus one per key with a `budget`, scoped to the key's `apiKeyId` tag
 * (the gateway tags every call with it), so each key spends only its own limit.
 */
export function configuredBudgets(
  budgets: BudgetsConfig | undefined,
  keys: KeysConfig | undefined,
): Budget[] {
  const listed = (budgets ?? []).map((each) => budget(each));
  const perKey = (keys ?? []).flatMap((key) =>
    key.budget
      ? [
          budget({
            name: `key:${key.id}`,
            limitUsd: key.budget.limitUsd,
            period: key.budget.period,
            scope: { tag: 'apiKeyId', value: key.id },
            ...(key.budget.mode ? { mode: key.budget.mode } : {}),
          }),
        ]
      : [],
  );
  return [...listed, ...perKey];
}
