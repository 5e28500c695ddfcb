/**
 * Default quality scores: Chatbot Arena (LMSYS) text Elo ratings as published in the snapshot of
 * the leaderboard at https://openlm.ai/chatbot-arena (attributed to LMSYS). Each row names the
 * snapshot it was read from. Higher is better; only differences between models matter. Override
 * or extend with `createRouter({ quality: { 'openai/gpt-4.1': 1400 } })`.
 */
export const QUALITY_TABLE_SOURCE = 'Chatbot Arena text Elo, https://openlm.ai/chatbot-arena';

export interface QualityRow {
  score: number;
  /** Date of the leaderboard snapshot. */
  asOf: string;
  /** The model's name on the leaderboard. */
  leaderboardName: string;
}

export const QUALITY_TABLE: Readonly<Record<string, QualityRow>> = {
  'google/gemini-2.5-pro': { score: 1473, asOf: '2025-07-01', leaderboardName: 'Gemini-2.5-Pro' },
  'openai/chatgpt-4o-latest': {
    score: 1428,
    asOf: '2025-07-01',
    leaderboardName: 'ChatGPT-4o-latest (2025-03-26)',
  },
  'openai/o3': { score: 1426, asOf: '2025-07-01', leaderboardName: 'o3-2025-04-16' },
  'deepseek/deepseek-reasoner': {
    score: 1424,
    asOf: '2025-07-01',
    leaderboardName: 'DeepSeek-R1-0528',
  },
  'xai/grok-3': { score: 1423, asOf: '2025-07-01', leaderboardName: 'Grok-3-Preview-02-24' },
  'google/gemini-2.5-flash': {
    score: 1418,
    asOf: '2025-07-01',
    leaderboardName: 'Gemini-2.5-Flash',
  },
  'openai/gpt-4.1': { score: 1385, asOf: '2025-07-01', leaderboardName: 'GPT-4.1-2025-04-14' },
  'deepseek/deepseek-chat': {
    score: 1384,
    asOf: '2025-07-01',
    leaderboardName: 'DeepSeek-V3-0324',
  },
  'anthropic/claude-opus-4-20250514': {
    score: 1372,
    asOf: '2025-07-01',
    leaderboardName: 'Claude Opus 4 (20250514)',
  },
  'mistral/mistral-medium-2505': {
    score: 1369,
    asOf: '2025-07-01',
    leaderboardName: 'Mistral Medium 3',
  },
  'google/gemini-2.0-flash-001': {
    score: 1355,
    asOf: '2025-05-05',
    leaderboardName: 'Gemini-2.0-Flash-001',
  },
  'openai/o4-mini': { score: 1352, asOf: '2025-05-05', leaderboardName: 'o4-mini-2025-04-16' },
  'openai/gpt-4.1-mini': {
    score: 1323,
    asOf: '2025-05-05',
    leaderboardName: 'GPT-4.1-mini-2025-04-14',
  },
};
