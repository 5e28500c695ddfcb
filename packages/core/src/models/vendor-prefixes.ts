/**
 * Bare model ids that name their maker by prefix. Checked in order; the first match wins.
 * Vendors' own naming: https://platform.openai.com/docs/models, https://docs.anthropic.com/en/docs/about-claude/models,
 * https://ai.google.dev/gemini-api/docs/models, https://docs.x.ai/docs/models, https://api-docs.deepseek.com/quick_start/pricing,
 * https://docs.mistral.ai/getting-started/models/models_overview/, https://docs.cohere.com/docs/models
 */
export const VENDOR_PREFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  // gpt-oss is an open-weight model OpenAI's API does not serve; hosts (Groq, OpenRouter, Ollama) do.
  [/^(gpt-(?!oss)|chatgpt-|o\d(-|$)|codex-|text-embedding-|davinci|babbage)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^(gemini-|gemma-|learnlm-)/, 'google'],
  [/^grok-/, 'xai'],
  [/^deepseek-/, 'deepseek'],
  [
    /^(mistral-|magistral-|codestral-|ministral-|pixtral-|open-mistral-|open-mixtral-|open-codestral-|devstral-)/,
    'mistral',
  ],
  [/^command-/, 'cohere'],
];

/**
 * The company that makes a model, from its bare id (`claude-…` → anthropic). Fine-tunes
 * (`ft:gpt-4o-mini-2024-07-18:acme::id`, `ft:open-mistral-7b:…`) belong to their base model's maker.
 */
export function providerFromPrefix(modelName: string): string | undefined {
  const name = modelName.startsWith('ft:') ? modelName.slice(3) : modelName;
  for (const [pattern, provider] of VENDOR_PREFIXES) if (pattern.test(name)) return provider;
  return undefined;
}

/** Providers Stratum ships packages for, known as `provider/` prefixes even before the catalog lists their models. */
export const KNOWN_PROVIDERS: ReadonlySet<string> = new Set([
  'openai',
  'anthropic',
  'google',
  'deepseek',
  'groq',
  'xai',
  'openrouter',
  'ollama',
  'azure',
  'mistral',
  'cohere',
  'bedrock',
]);

/**
 * Providers that host other companies' models. When a bare id is served by several providers
 * and none is its maker by prefix, the one provider not in this set is taken.
 */
export const HOSTING_PROVIDERS: ReadonlySet<string> = new Set([
  'azure',
  'openrouter',
  'bedrock',
  'groq',
  'ollama',
]);
