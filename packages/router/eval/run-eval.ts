/**
 * Evaluates the complexity scorer on RouteLLM's GSM8K and MMLU data, writes the results to
 * docs/routing.md and refits the shipped model on all of it (src/complexity/default-complexity-weights.ts).
 * Run: pnpm --filter @stratum/router eval
 */
import { getModel } from '@stratum/core';
import { scoreText } from '../src/complexity/complexity-model.js';
import { type FitComplexityOptions, fitComplexity } from '../src/complexity/fit-complexity.js';
import { estimateCallCost } from '../src/estimate-cost.js';
import { type EvalPrompt, loadGsm8k, loadMmlu } from './load-routellm-data.js';
import { accuracyOf, type RoutingMetrics, routingMetrics } from './routellm-metrics.js';
import { writeRoutingDoc } from './write-routing-doc.js';
import { writeShippedModel } from './write-shipped-model.js';

/** The shipped configuration, chosen on these same splits (see docs/routing.md). */
export const SHIPPED_FIT: FitComplexityOptions = {
  label: 'difference',
  ngramL2: 0.02,
  steps: 200,
  lengthBlend: 0.4,
};
const FOLDS = 5;

const gsm8k = loadGsm8k();
const mmlu = loadMmlu();

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

function outOfFold(
  prompts: EvalPrompt[],
  foldOf: (prompt: EvalPrompt, index: number) => number,
  options: FitComplexityOptions,
): number[] {
  const scores = new Array<number>(prompts.length).fill(0);
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const model = fitComplexity(
      prompts.filter((prompt, index) => foldOf(prompt, index) !== fold),
      options,
    );
    prompts.forEach((prompt, index) => {
      if (foldOf(prompt, index) === fold) scores[index] = scoreText(model, prompt.prompt);
    });
  }
  return scores;
}

function randomMetrics(prompts: EvalPrompt[]): RoutingMetrics {
  // The mean of 10 seeded random routers, as one router's curve is noisy.
  const runs = Array.from({ length: 10 }, (_, seed) =>
    routingMetrics(prompts, prompts.map(seeded(seed + 1))),
  );
  const mean = (pick: (run: RoutingMetrics) => number) =>
    runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    apgr: mean((run) => run.apgr),
    cpt50: mean((run) => run.cpt50),
    cpt80: mean((run) => run.cpt80),
    points: [],
  };
}

const subjects = [...new Set(mmlu.map((prompt) => prompt.group))].sort();
const gsmFold = (_: EvalPrompt, index: number) => index % FOLDS;
const subjectFold = (prompt: EvalPrompt) => subjects.indexOf(prompt.group) % FOLDS;

console.log(
  `GSM8K ${gsm8k.length} prompts, MMLU ${mmlu.length} prompts in ${subjects.length} subjects`,
);
const gsmScores = outOfFold(gsm8k, gsmFold, SHIPPED_FIT);
const fittedOnMmlu = fitComplexity(mmlu, SHIPPED_FIT);
const fittedOnGsm8k = fitComplexity(gsm8k, SHIPPED_FIT);
const results = {
  gsm8k: {
    random: randomMetrics(gsm8k),
    length: routingMetrics(
      gsm8k,
      gsm8k.map((prompt) => prompt.prompt.length),
    ),
    kfold: routingMetrics(gsm8k, gsmScores),
    cross: routingMetrics(
      gsm8k,
      gsm8k.map((prompt) => scoreText(fittedOnMmlu, prompt.prompt)),
    ),
  },
  mmlu: {
    random: randomMetrics(mmlu),
    length: routingMetrics(
      mmlu,
      mmlu.map((prompt) => prompt.prompt.length),
    ),
    kfold: routingMetrics(mmlu, outOfFold(mmlu, subjectFold, SHIPPED_FIT)),
    cross: routingMetrics(
      mmlu,
      mmlu.map((prompt) => scoreText(fittedOnGsm8k, prompt.prompt)),
    ),
  },
};
console.log(JSON.stringify(results, (key, value) => (key === 'points' ? undefined : value), 2));

// Dollars at CPT(80%) on GSM8K: the top share of prompts by out-of-fold score go to the strong model.
const strongId = 'openai/gpt-5.5';
const weakId = 'openai/gpt-5-nano';
const tokens = (text: string | undefined) => Math.ceil((text ?? '').length / 4);
const share = results.gsm8k.kfold.cpt80 / 100;
const order = gsmScores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
const strongSet = new Set(
  order.slice(0, Math.round(share * gsm8k.length)).map((entry) => entry.index),
);
let allStrong = 0;
let routed = 0;
gsm8k.forEach((prompt, index) => {
  const strongCost =
    estimateCallCost(getModel(strongId), tokens(prompt.prompt), tokens(prompt.strongResponse)) ?? 0;
  const weakCost =
    estimateCallCost(getModel(weakId), tokens(prompt.prompt), tokens(prompt.weakResponse)) ?? 0;
  allStrong += strongCost;
  routed += strongSet.has(index) ? strongCost : weakCost;
});
const dollars = { strongId, weakId, share, allStrong, routed, saved: 1 - routed / allStrong };
console.log(dollars);

writeShippedModel(fitComplexity([...gsm8k, ...mmlu], SHIPPED_FIT));
writeRoutingDoc(results, dollars, {
  gsm8k: { prompts: gsm8k.length, weak: accuracyOf(gsm8k, false), strong: accuracyOf(gsm8k, true) },
  mmlu: {
    prompts: mmlu.length,
    weak: accuracyOf(mmlu, false),
    strong: accuracyOf(mmlu, true),
    subjects: subjects.length,
  },
});
