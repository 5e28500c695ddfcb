import type { ModelCapabilities, ModelInfo, ModelPricing } from '../types/model-info.js';

/**
 * One line of the generated catalog (`catalog-data.ts`), kept compact so the file stays small
 * and its diffs stay readable. `toModelInfo` expands it into the public `ModelInfo`.
 */
export interface CatalogEntry {
  /** `provider/name`, where `name` is the id the vendor's API takes. */
  id: string;
  /** Other vendor ids of the same model with the same data (dated snapshots, `-latest`). */
  aliases?: string[];
  context?: number;
  maxOutput?: number;
  /** US dollars per million tokens. */
  pricing?: ModelPricing;
  /** Prices of regions whose list differs from `pricing` (Bedrock), keyed by region. */
  regions?: Record<string, ModelPricing>;
  /** Space-separated capability flags, see `CAPABILITY_FLAGS`. */
  caps: string;
  local?: true;
  deprecated?: string;
  /** `responses`: only OpenAI's Responses API serves the model (LiteLLM's `mode: responses`). */
  api?: 'responses';
}

/** Flag names used in `CatalogEntry.caps`, each mapped to its `ModelCapabilities` field. */
export const CAPABILITY_FLAGS = {
  tools: 'tools',
  vision: 'vision',
  json: 'jsonOutput',
  schema: 'structuredOutput',
  reasoning: 'reasoning',
  cache: 'promptCaching',
  pdf: 'pdfInput',
} as const satisfies Record<string, keyof ModelCapabilities>;

export type CapabilityFlag = keyof typeof CAPABILITY_FLAGS;

export const NO_CAPABILITIES: Readonly<ModelCapabilities> = {
  tools: false,
  vision: false,
  jsonOutput: false,
  structuredOutput: false,
  reasoning: false,
  promptCaching: false,
  pdfInput: false,
};

function isCapabilityFlag(flag: string): flag is CapabilityFlag {
  return Object.hasOwn(CAPABILITY_FLAGS, flag);
}

export function parseCapabilityFlags(caps: string): ModelCapabilities {
  const capabilities = { ...NO_CAPABILITIES };
  for (const flag of caps.split(' ')) {
    if (isCapabilityFlag(flag)) capabilities[CAPABILITY_FLAGS[flag]] = true;
  }
  return capabilities;
}

export function toModelInfo(entry: CatalogEntry): ModelInfo {
  const slash = entry.id.indexOf('/');
  const info: ModelInfo = {
    id: entry.id,
    provider: entry.id.slice(0, slash),
    name: entry.id.slice(slash + 1),
    capabilities: parseCapabilityFlags(entry.caps),
    source: 'catalog',
  };
  if (entry.aliases) info.aliases = entry.aliases;
  if (entry.context !== undefined) info.contextWindow = entry.context;
  if (entry.maxOutput !== undefined) info.maxOutputTokens = entry.maxOutput;
  if (entry.pricing) info.pricing = entry.pricing;
  if (entry.regions) info.regionalPricing = entry.regions;
  if (entry.local) info.local = true;
  if (entry.deprecated) info.deprecationDate = entry.deprecated;
  if (entry.api) info.api = entry.api;
  return info;
}
