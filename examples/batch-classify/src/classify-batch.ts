import {
  BudgetExceededError,
  type Client,
  createClient,
  type Provider,
  StratumError,
  toPicodollars,
} from '@stratum/core';
import { createRouter, routingDecisionOf } from '@stratum/router';
import {
  type AlertHandler,
  budget,
  createMemoryStore,
  createTracker,
  type Tracker,
} from '@stratum/tracker';
import type { PromptRow } from './prompts-csv.js';

export const LABELS = ['billing', 'bug', 'feature-request', 'account', 'other'] as const;

const INSTRUCTIONS = `You sort customer messages. Reply with exactly one word from this list: ${LABELS.join(', ')}.`;

/** `auto`: the cheap model for plain messages, the stronger one above the complexity cut. */
const WEAK = 'openai/gpt-4.1-nano';
const STRONG = 'anthropic/claude-haiku-4-5';

export interface BatchSetup {
  client: Client;
  tracker: Tracker;
}

/**
 * A client whose `auto` model is routed by complexity and whose spend is capped at `limitUsd`;
 * `onAlert` hears when the spend passes 50%, 80% and 100% of it.
 */
export function createBatchClient(
  providers: Provider[],
  limitUsd: number,
  onAlert?: AlertHandler,
): BatchSetup {
  const router = createRouter({
    routes: {
      auto: {
        candidates: [WEAK, STRONG],
        strategy: 'threshold',
        threshold: { tiers: [WEAK, STRONG], cutoffs: [0.4] },
      },
    },
  });
  const tracker = createTracker({
    store: createMemoryStore(),
    budgets: [budget({ name: 'batch', limitUsd, period: 'total' })],
    ...(onAlert ? { onAlert } : {}),
  });
  // The router goes first so the tracker prices the model it chose; `auto` itself has no price.
  return { client: createClient({ providers, middleware: [router, tracker.middleware] }), tracker };
}

export interface RowResult {
  id: string;
  status: 'classified' | 'failed' | 'skipped: budget';
  label: string | undefined;
  model: string | undefined;
  inputTokens: number;
  outputTokens: number;
  /** Integer picodollars. */
  cost: bigint;
  /** The router's complexity score of the prompt, which picked the model. */
  complexity: number | undefined;
}

export interface BatchOutcome {
  results: RowResult[];
  /** The refusal that stopped the batch, when the budget did. */
  stoppedBy: BudgetExceededError | undefined;
}

/**
 * Classifies the rows in order. The budget reserves each call's worst case before it is sent,
 * so the first call that could overspend is refused, and the batch stops there.
 */
export async function classifyBatch(client: Client, rows: PromptRow[]): Promise<BatchOutcome> {
  const results: RowResult[] = [];
  let stoppedBy: BudgetExceededError | undefined;
  for (const row of rows) {
    const empty = { id: row.id, label: undefined, model: undefined, complexity: undefined };
    const nothing = { inputTokens: 0, outputTokens: 0, cost: 0n };
    if (stoppedBy) {
      results.push({ ...empty, ...nothing, status: 'skipped: budget' });
      continue;
    }
    try {
      const response = await client.chat({
        model: 'auto',
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: row.prompt },
        ],
        maxOutputTokens: 10,
        temperature: 0,
        metadata: { row: row.id },
      });
      const answer = response.text.trim().toLowerCase();
      results.push({
        id: row.id,
        status: 'classified',
        label: LABELS.find((label) => label === answer) ?? `unrecognised: ${answer}`,
        model: response.modelId,
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        cost: response.cost ? toPicodollars(response.cost.total) : 0n,
        complexity: routingDecisionOf(response)?.complexity,
      });
    } catch (error) {
      if (error instanceof BudgetExceededError) {
        stoppedBy = error;
        results.push({ ...empty, ...nothing, status: 'skipped: budget' });
      } else if (StratumError.is(error)) {
        results.push({ ...empty, ...nothing, status: 'failed', label: error.name });
      } else {
        throw error;
      }
    }
  }
  return { results, stoppedBy };
}
