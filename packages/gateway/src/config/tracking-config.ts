import * as v from 'valibot';
import { budgetPeriod, dollars, nonEmptyText } from './config-fields.js';

/** `tracker`: where call records go. SQLite keeps them across restarts (`node:sqlite`). */
export const trackerSchema = v.variant(
  'store',
  [
    v.strictObject({ store: v.literal('memory') }),
    v.strictObject({
      store: v.literal('sqlite'),
      path: v.optional(nonEmptyText('a file path such as "stratum-usage.db"'), 'stratum-usage.db'),
    }),
  ],
  'must be "memory" or "sqlite" (with "path": "stratum-usage.db")',
);

const scopeSchema = v.union(
  [
    v.picklist(['global', 'provider', 'model']),
    v.strictObject({ provider: nonEmptyText('a provider name such as "openai"') }),
    v.strictObject({ model: nonEmptyText('a model id such as "openai/gpt-4.1"') }),
    v.strictObject({
      tag: nonEmptyText('a tag name such as "team"'),
      value: v.optional(nonEmptyText('a tag value such as "search"')),
    }),
  ],
  'must be "global", "provider", "model", { "provider": "openai" }, { "model": "openai/gpt-4.1" } or { "tag": "team", "value": "search" }',
);

const thresholds = v.array(
  v.pipe(v.number(), v.gtValue(0, 'must be a fraction of the limit above 0, e.g. 0.8')),
  'must be fractions of the limit, e.g. [0.5, 0.8, 1]',
);

/** `budgets`: spending limits the tracker enforces (hard: a call that could pass it gets a 429). */
export const budgetsSchema = v.array(
  v.strictObject({
    name: v.optional(nonEmptyText('a name such as "daily"')),
    limitUsd: dollars(10),
    period: budgetPeriod,
    scope: v.optional(scopeSchema),
    mode: v.optional(v.picklist(['hard', 'soft'], 'must be "hard" or "soft"')),
    timeZone: v.optional(nonEmptyText('an IANA time zone such as "Europe/Paris"')),
    alertThresholds: v.optional(thresholds),
  }),
  'must be a list of budgets, e.g. [{ "limitUsd": 10, "period": "day" }]',
);

export type TrackerConfig = v.InferOutput<typeof trackerSchema>;
export type BudgetsConfig = v.InferOutput<typeof budgetsSchema>;
