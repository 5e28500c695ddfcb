/**
 * Bare model ids that name their vendor by prefix. Checked in order; the first match wins.
 * Vendors' own naming: https://platform.openai.com/docs/models, https://docs.anthropic.com/en/docs/about-claude/models,
 * https://ai.google.dev/gemini-api/docs/models, https://docs.x.ai/docs/models, https://api-docs.deepseek.com/quick_start/pricing
 */
export const VENDOR_PREFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(gpt-|chatgpt-|o\d(-|$)|text-embedding-|davinci|babbage|codex-)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^(gemini-|gemma-)/, 'google'],
  [/^grok-/, 'xai'],
  [/^deepseek-/, 'deepseek'],
  [
    /^(mistral-|magistral-|codestral-|ministral-|pixtral-|open-mistral-|open-mixtral-|devstral-)/,
    'mistral',
  ],
  [/^command-/, 'cohere'],
];

export function providerFromPrefix(modelName: string): string | undefined {
  for (const [pattern, provider] of VENDOR_PREFIXES) if (pattern.test(modelName)) return provider;
  return undefined;
}
