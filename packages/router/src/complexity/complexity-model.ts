import {
  DENSE_FEATURE_COUNT,
  extractPromptFeatures,
  NGRAM_BUCKETS,
  type PromptFeatures,
} from './complexity-features.js';

/**
 * A fitted complexity scorer: a logistic model over scaled dense features and hashed n-grams,
 * blended by rank with prompt length. Ranks come from quantile tables of the training prompts,
 * so a score of 0.8 means "harder than about 80% of the prompts it was fitted on".
 */
export interface ComplexityModel {
  version: 1;
  /** Per dense feature: training mean and 1/standard deviation. */
  denseMean: number[];
  denseInverseScale: number[];
  denseWeights: number[];
  /** `NGRAM_BUCKETS` weights, or empty when the model uses dense features only. */
  ngramWeights: number[];
  bias: number;
  /** Share of the final score taken by the prompt-length rank, in [0, 1]. */
  lengthBlend: number;
  /** Ascending quantiles of log prompt length and of the linear score on the training prompts. */
  lengthQuantiles: number[];
  linearQuantiles: number[];
}

/** The logistic model's raw linear output for one prompt's features. */
export function linearScore(model: ComplexityModel, features: PromptFeatures): number {
  let sum = model.bias;
  const { dense } = features;
  for (let index = 0; index < DENSE_FEATURE_COUNT; index += 1) {
    const scaled =
      ((dense[index] ?? 0) - (model.denseMean[index] ?? 0)) * (model.denseInverseScale[index] ?? 0);
    sum += scaled * (model.denseWeights[index] ?? 0);
  }
  const weights = model.ngramWeights;
  if (weights.length === NGRAM_BUCKETS && features.ngramCount > 0) {
    let ngramSum = 0;
    for (let index = 0; index < features.ngramCount; index += 1) {
      ngramSum += (weights[features.ngrams[index] ?? 0] ?? 0) * (features.ngramSigns[index] ?? 0);
    }
    sum += ngramSum / Math.sqrt(features.ngramCount);
  }
  return sum;
}

/**
 * Where `value` falls in ascending `quantiles`, as a share in [0, 1]: linear between interior
 * points, with exponential tails beyond the first and last segments so that prompts outside the
 * fitted range keep their order instead of all tying at 0 or 1.
 */
export function rankIn(quantiles: readonly number[], value: number): number {
  const last = quantiles.length - 1;
  if (last < 2) return 0.5;
  const second = quantiles[1] ?? 0;
  const penultimate = quantiles[last - 1] ?? 0;
  if (value < second) {
    const width = Math.max(second - (quantiles[0] ?? 0), 1e-9);
    return Math.exp((value - second) / width) / last;
  }
  if (value > penultimate) {
    const width = Math.max((quantiles[last] ?? 0) - penultimate, 1e-9);
    return 1 - Math.exp((penultimate - value) / width) / last;
  }
  const [low, high] = segmentOf(quantiles, value, 1, last - 1);
  const from = quantiles[low] ?? 0;
  const to = quantiles[high] ?? 0;
  const within = to > from ? (value - from) / (to - from) : 0;
  return (low + within) / last;
}

/** The complexity of a prompt's text under `model`, in [0, 1]. */
export function scoreText(model: ComplexityModel, text: string): number {
  const features = extractPromptFeatures(text);
  const lengthRank = rankIn(model.lengthQuantiles, features.dense[0] ?? 0);
  if (model.lengthBlend >= 1) return lengthRank;
  const linearRank = rankIn(model.linearQuantiles, linearScore(model, features));
  return model.lengthBlend * lengthRank + (1 - model.lengthBlend) * linearRank;
}

/**
 * The indices `[low, high]` (adjacent) of the segment of ascending `points` within
 * `[first, last]` that holds `value`, by binary search.
 */
export function segmentOf(
  points: readonly number[],
  value: number,
  first: number,
  last: number,
): [number, number] {
  let low = first;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((points[middle] ?? 0) <= value) low = middle;
    else high = middle;
  }
  return [low, high];
}
