import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packagesDirectory = new URL('../../packages/', import.meta.url);

/** The exports a package publishes: its workspace exports without the source condition. */
function withoutSourceCondition(value) {
  if (typeof value === 'string') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([condition]) => condition !== '@stratum/source')
      .map(([condition, target]) => [condition, withoutSourceCondition(target)]),
  );
}

const manifests = readdirSync(packagesDirectory)
  .map((name) =>
    JSON.parse(readFileSync(new URL(`${name}/package.json`, packagesDirectory), 'utf8')),
  )
  .filter((manifest) => !manifest.private);

describe('published exports', () => {
  // A subpath added to `exports` but not to `publishConfig.exports` works in the workspace and
  // breaks for everyone who installs the package from the registry.
  it.each(manifests.map((manifest) => [manifest.name, manifest]))(
    '%s publishes every subpath it exports',
    (_name, manifest) => {
      expect(manifest.publishConfig?.exports).toEqual(withoutSourceCondition(manifest.exports));
    },
  );
});
