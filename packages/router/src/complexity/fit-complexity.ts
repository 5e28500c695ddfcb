import {
  DENSE_FEATURE_COUNT,
  extractPromptFeatures,
  NGRAM_BUCKETS,
} from './complexity-features.js';
import { type ComplexityModel, linearScore } from './complexity-model.js';

/** One labelled prompt: did the strong model, and did the weak model, answer it well? */
export interface ComplexityExample {
  prompt: string;
  strongCorrect: boolean;
  weakCorrect: boolean;
}

export interface FitComplexityOptions {
  /** Learn hashed word n-grams as well as dense features (default true). */
  ngrams?: boolean;
  /** Share of the score given to the prompt-length rank (default 0.4). */
  lengthBlend?: number;
  /** L2 penalty on dense and n-gram weights (defaults 1e-3 and 3e-3, per example). */
  denseL2?: number;
  ngramL2?: number;
  /** Full-batch Adam steps (default 300). */
  steps?: number;
  /**
   * `gain` (default): 1 when only the strong model is right. `difference`: 1, ½ or 0 for the
   * strong model right and the weak wrong, both alike, or the reverse.
   */
  label?: 'gain' | 'difference';
}

interface EncodedExample {
  dense: Float64Array;
  ngrams: Uint32Array;
  signs: Int8Array;
  norm: number;
  label: number;
}

const QUANTILE_POINTS = 101;

/**
 * Fits a complexity model in process on labelled prompts. The label is the gain of routing to the
 * strong model: 1 when the strong model is right and the weak one wrong, else 0 (the case where
 * paying for the strong model changes the outcome).
 */
export function fitComplexity(
  examples: readonly ComplexityExample[],
  options: FitComplexityOptions = {},
): ComplexityModel {
  if (examples.length < 20) {
    throw new RangeError(
      `fitComplexity needs at least 20 labelled examples to fit a model; it got ${examples.length}. Label more prompts with strongCorrect and weakCorrect.`,
    );
  }
  const useNgrams = options.ngrams ?? true;
  const lengthBlend = options.lengthBlend ?? 0.4;
  const denseL2 = options.denseL2 ?? 1e-3;
  const ngramL2 = options.ngramL2 ?? 3e-3;
  const steps = options.steps ?? 300;
  const labelKind = options.label ?? 'gain';

  const encoded: EncodedExample[] = examples.map((example) => {
    const features = extractPromptFeatures(example.prompt);
    return {
      dense: Float64Array.from(features.dense),
      ngrams: features.ngrams.slice(0, features.ngramCount),
      signs: features.ngramSigns.slice(0, features.ngramCount),
      norm: features.ngramCount > 0 ? 1 / Math.sqrt(features.ngramCount) : 0,
      label:
        labelKind === 'gain'
          ? example.strongCorrect && !example.weakCorrect
            ? 1
            : 0
          : (1 + Number(example.strongCorrect) - Number(example.weakCorrect)) / 2,
    };
  });

  const denseMean = new Array<number>(DENSE_FEATURE_COUNT).fill(0);
  const denseInverseScale = new Array<number>(DENSE_FEATURE_COUNT).fill(0);
  for (let feature = 0; feature < DENSE_FEATURE_COUNT; feature += 1) {
    let sum = 0;
    for (const example of encoded) sum += example.dense[feature] ?? 0;
    const mean = sum / encoded.length;
    let squares = 0;
    for (const example of encoded) squares += ((example.dense[feature] ?? 0) - mean) ** 2;
    const deviation = Math.sqrt(squares / encoded.length);
    denseMean[feature] = mean;
    denseInverseScale[feature] = deviation > 1e-9 ? 1 / deviation : 0;
  }
  const scaled = encoded.map((example) =>
    Float64Array.from(
      example.dense,
      (value, feature) => (value - (denseMean[feature] ?? 0)) * (denseInverseScale[feature] ?? 0),
    ),
  );

  // Parameters: dense weights, n-gram weights, bias; fitted by full-batch Adam on log loss.
  const size = DENSE_FEATURE_COUNT + (useNgrams ? NGRAM_BUCKETS : 0) + 1;
  const weights = new Float64Array(size);
  const gradient = new Float64Array(size);
  const firstMoment = new Float64Array(size);
  const secondMoment = new Float64Array(size);
  const biasIndex = size - 1;
  const positives = encoded.reduce((sum, example) => sum + example.label, 0);
  const prior = Math.min(Math.max(positives / encoded.length, 1e-3), 1 - 1e-3);
  weights[biasIndex] = Math.log(prior / (1 - prior));
  const learningRate = 0.05;
  for (let step = 1; step <= steps; step += 1) {
    gradient.fill(0);
    for (let row = 0; row < encoded.length; row += 1) {
      const example = encoded[row]!;
      const dense = scaled[row]!;
      let z = weights[biasIndex] ?? 0;
      for (let feature = 0; feature < DENSE_FEATURE_COUNT; feature += 1) {
        z += (dense[feature] ?? 0) * (weights[feature] ?? 0);
      }
      if (useNgrams) {
        for (let index = 0; index < example.ngrams.length; index += 1) {
          const slot = DENSE_FEATURE_COUNT + (example.ngrams[index] ?? 0);
          z += (weights[slot] ?? 0) * (example.signs[index] ?? 0) * example.norm;
        }
      }
      const error = 1 / (1 + Math.exp(-z)) - example.label;
      for (let feature = 0; feature < DENSE_FEATURE_COUNT; feature += 1) {
        gradient[feature] = (gradient[feature] ?? 0) + error * (dense[feature] ?? 0);
      }
      if (useNgrams) {
        for (let index = 0; index < example.ngrams.length; index += 1) {
          const slot = DENSE_FEATURE_COUNT + (example.ngrams[index] ?? 0);
          gradient[slot] =
            (gradient[slot] ?? 0) + error * (example.signs[index] ?? 0) * example.norm;
        }
      }
      gradient[biasIndex] = (gradient[biasIndex] ?? 0) + error;
    }
    for (let index = 0; index < size; index += 1) {
      const penalty = index === biasIndex ? 0 : index < DENSE_FEATURE_COUNT ? denseL2 : ngramL2;
      const g = (gradient[index] ?? 0) / encoded.length + penalty * (weights[index] ?? 0);
      const m = 0.9 * (firstMoment[index] ?? 0) + 0.1 * g;
      const v = 0.999 * (secondMoment[index] ?? 0) + 0.001 * g * g;
      firstMoment[index] = m;
      secondMoment[index] = v;
      const mHat = m / (1 - 0.9 ** step);
      const vHat = v / (1 - 0.999 ** step);
      weights[index] = (weights[index] ?? 0) - (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }

  const model: ComplexityModel = {
    version: 1,
    denseMean,
    denseInverseScale,
    denseWeights: Array.from(weights.subarray(0, DENSE_FEATURE_COUNT)),
    ngramWeights: useNgrams
      ? Array.from(weights.subarray(DENSE_FEATURE_COUNT, DENSE_FEATURE_COUNT + NGRAM_BUCKETS))
      : [],
    bias: weights[biasIndex] ?? 0,
    lengthBlend,
    lengthQuantiles: [],
    linearQuantiles: [],
  };
  model.lengthQuantiles = quantilesOf(encoded.map((example) => example.dense[0] ?? 0));
  model.linearQuantiles = quantilesOf(
    examples.map((example) => linearScore(model, extractPromptFeatures(example.prompt))),
  );
  return model;
}

/** `QUANTILE_POINTS` evenly spaced quantiles (linear interpolation, as numpy's default). */
export function quantilesOf(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const points: number[] = [];
  for (let point = 0; point < QUANTILE_POINTS; point += 1) {
    points.push(quantileOfSorted(sorted, point / (QUANTILE_POINTS - 1)));
  }
  return points;
}

export function quantileOfSorted(sorted: ArrayLike<number>, share: number): number {
  if (sorted.length === 0) return 0;
  const position = share * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  const from = sorted[low] ?? 0;
  return from + ((sorted[high] ?? 0) - from) * (position - low);
}
