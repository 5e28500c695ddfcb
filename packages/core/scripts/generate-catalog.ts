/**
 * Regenerates `src/catalog/catalog-data.ts` from the repository's copy of LiteLLM's price map
 * (`data/model_prices_and_context_window.json`, see data/SOURCE.md). Reads nothing else.
 *
 *   cd packages/core && node --import tsx scripts/generate-catalog.ts   (or: pnpm catalog)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog, countByProvider } from './catalog/build-catalog.js';
import { renderCatalogModule } from './catalog/render-catalog-module.js';

export const SOURCE_PATH = fileURLToPath(
  new URL('../data/model_prices_and_context_window.json', import.meta.url),
);
export const OUTPUT_PATH = fileURLToPath(
  new URL('../src/catalog/catalog-data.ts', import.meta.url),
);

/** The module text the generator writes for the given price map. */
export function generateCatalogModule(source: unknown): string {
  const build = buildCatalog(source);
  return renderCatalogModule(build.priceDate, build.entries);
}

function main(): void {
  const source: unknown = JSON.parse(readFileSync(SOURCE_PATH, 'utf8'));
  const build = buildCatalog(source);
  writeFileSync(OUTPUT_PATH, renderCatalogModule(build.priceDate, build.entries));
  const counts = Object.entries(countByProvider(build.entries))
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
  console.log(
    `catalog-data.ts: ${build.entries.length} models (${counts}), prices of ${build.priceDate}`,
  );
  const reasons = new Map<string, number>();
  for (const { reason } of build.skipped) {
    const kind = reason.startsWith('same vendor id') ? 'duplicate key of a kept entry' : reason;
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) console.log(`  left out ${count}: ${reason}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
