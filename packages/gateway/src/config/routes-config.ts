import * as v from 'valibot';
import { dollars, modelId, modelIds, positiveNumber, textList } from './config-fields.js';

const STRATEGIES = [
  'cost',
  'quality',
  'latency',
  'balanced',
  'round-robin',
  'weighted',
  'least-busy',
  'manual',
  'threshold',
] as const;

const deploymentSchema = v.strictObject({
  model: modelId,
  weight: v.optional(positiveNumber(1)),
  rpm: v.optional(positiveNumber(500)),
  tpm: v.optional(positiveNumber(200_000)),
});

const candidateSchema = v.union(
  [
    modelId,
    v.strictObject({
      model: modelId,
      deployments: v.optional(v.array(deploymentSchema)),
      quality: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
      weight: v.optional(positiveNumber(1)),
    }),
  ],
  'must be a model id such as "openai/gpt-4.1-mini" or { "model": "openai/gpt-4.1", "weight": 2 }',
);

const cutoff = v.pipe(
  v.number('must be a complexity score from 0 to 1, e.g. 0.5'),
  v.minValue(0, 'must be a complexity score from 0 to 1, e.g. 0.5'),
  v.maxValue(1, 'must be a complexity score from 0 to 1, e.g. 0.5'),
);

const routeSchema = v.strictObject({
  candidates: v.optional(
    v.pipe(
      v.array(candidateSchema, 'must be a list of model ids, e.g. ["openai/gpt-4.1-mini"]'),
      v.minLength(1, 'must list at least one model'),
    ),
  ),
  strategy: v.optional(v.picklist(STRATEGIES, `must be one of ${STRATEGIES.join(', ')}`)),
  balancedWeights: v.optional(
    v.strictObject({
      cost: v.pipe(v.number(), v.minValue(0)),
      quality: v.pipe(v.number(), v.minValue(0)),
    }),
  ),
  /** Tiers by complexity: the weakest model first; `cutoffs` or `shares` place the cut points. */
  threshold: v.optional(
    v.strictObject({
      tiers: v.pipe(
        v.array(
          v.union(
            [modelId, modelIds('models in one tier')],
            'must be a model id or a list of them',
          ),
          'must be a list of tiers from weakest to strongest, e.g. ["openai/gpt-4.1-mini", "openai/gpt-4.1"]',
        ),
        v.minLength(2, 'needs at least two tiers, weakest first'),
      ),
      cutoffs: v.optional(v.array(cutoff, 'must be a list of ascending scores, e.g. [0.35, 0.7]')),
      shares: v.optional(
        v.array(cutoff, 'must be a list of traffic shares summing to 1, e.g. [0.7, 0.3]'),
      ),
    }),
  ),
  maxCostPerCall: v.optional(dollars(0.05)),
  maxInputPrice: v.optional(dollars(5)),
  maxOutputPrice: v.optional(dollars(20)),
  allowProviders: v.optional(textList('openai')),
  excludeProviders: v.optional(textList('openai')),
  balance: v.optional(
    v.picklist(['weighted', 'least-busy', 'latency'], 'must be weighted, least-busy or latency'),
  ),
});

/** `routes`: route ids callers send as `model` (`auto`), each a strategy over candidates. */
export const routesSchema = v.record(
  v.pipe(v.string(), v.regex(/^[^/\s]+$/, 'must be a route id without "/" or spaces, e.g. "auto"')),
  routeSchema,
  'must map route ids to routes, e.g. { "auto": { "strategy": "cost", "candidates": [...] } }',
);

export type RoutesConfig = v.InferOutput<typeof routesSchema>;
