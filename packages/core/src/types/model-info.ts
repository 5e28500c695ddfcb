/**
 * Prices in US dollars per million tokens, as vendors publish them.
 * A tier replaces the base prices for the whole call once the prompt exceeds its threshold
 * (Anthropic's and Gemini's long-context rule); a price the tier leaves out stays at the base.
 * A missing cache price bills those tokens at the input price.
 */
export interface ModelPricing {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Reasoning tokens priced apart from output (rare; otherwise reasoning bills as output). */
  reasoning?: number;
  tiers?: PriceTier[];
}

export interface PriceTier {
  /** The tier applies when the prompt's input tokens are above this number. */
  aboveInputTokens: number;
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export interface ModelCapabilities {
  tools: boolean;
  vision: boolean;
  /** JSON mode (valid JSON, no schema). */
  jsonOutput: boolean;
  /** JSON Schema constrained output. */
  structuredOutput: boolean;
  reasoning: boolean;
  promptCaching: boolean;
  pdfInput: boolean;
}

export interface ModelInfo {
  /** Canonical id: `provider/model`. */
  id: string;
  provider: string;
  /** The id the vendor's API takes. */
  name: string;
  aliases?: string[];
  contextWindow?: number;
  maxOutputTokens?: number;
  /** `undefined` when the price is unknown. Local models carry zero prices and `local: true`. */
  pricing?: ModelPricing;
  /**
   * Prices of the regions whose price list differs from `pricing`, keyed by region
   * (`eu-central-1`): Bedrock bills an in-region call at the region's price. A call served in
   * another region is billed at `pricing`.
   */
  regionalPricing?: Record<string, ModelPricing>;
  capabilities: ModelCapabilities;
  /** Runs on the user's own hardware: its cost is a real $0. */
  local?: boolean;
  deprecationDate?: string;
  /**
   * `responses`: the vendor serves the model only through OpenAI's Responses API (o3-pro,
   * gpt-5-pro, the codex models), so `@stratum/provider-openai` calls that API for it.
   */
  api?: 'responses';
  /** Where the entry came from. */
  source: 'catalog' | 'registered';
}

export interface ModelFilter {
  provider?: string;
  capabilities?: Partial<ModelCapabilities>;
  /** `true`: only models with a known price; `false`: only models without one. */
  priced?: boolean;
}
