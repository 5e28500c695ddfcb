/** The call every child makes: its worst case is its real cost, known in advance. */
export const BUDGET_CALL = {
  model: 'openai/gpt-4.1-mini',
  messages: [{ role: 'user' as const, content: 'Summarize the shared budget in one line.' }],
  maxOutputTokens: 100,
};
