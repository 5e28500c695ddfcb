/**
 * Features of a prompt that predict whether a strong model will get right what a weak one gets
 * wrong. Dense features are shape and arithmetic load (length, numbers, operators, answer-choice
 * structure, long words), chosen because they carry over between domains; hashed word n-grams add
 * the vocabulary of the domain a model was fitted on.
 */

/** Only this many characters are read for lexical features, so scoring cost stays flat. */
export const MAX_SCORED_CHARACTERS = 6_000;

/** Number of hashed n-gram buckets (a power of two). */
export const NGRAM_BUCKETS = 4_096;

export const DENSE_FEATURE_NAMES = [
  'log-characters',
  'log-words',
  'log-numbers',
  'log-distinct-numbers',
  'digit-share',
  'log-operators',
  'log-sentences',
  'log-question-marks',
  'mean-word-length',
  'long-word-share',
  'has-choices',
  'log-mean-choice-length',
  'log-stem-characters',
  'log-decimals-and-fractions',
  'log-max-number',
  'log-lines',
  'capital-share',
  'log-money-and-percent',
  'negation-cues',
  'numeric-choice-share',
  'log-mean-word-rank',
] as const;

export const DENSE_FEATURE_COUNT = DENSE_FEATURE_NAMES.length;

export interface PromptFeatures {
  /** One value per `DENSE_FEATURE_NAMES` entry, unscaled. */
  dense: Float64Array;
  /** Bucket indices of the prompt's word unigrams and bigrams (with repeats). */
  ngrams: Uint32Array;
  ngramCount: number;
  /** Signs (+1/−1) matching `ngrams`, which keeps hashing collisions unbiased. */
  ngramSigns: Int8Array;
}

const CHOICE_PATTERN = /(?:^|\n)\s*\(?([A-D])[.):]\s+([^\n]*)/g;
const NEGATION_PATTERN = /\b(?:not|except|least|false|incorrect|never|cannot)\b|\bNOT\b/gi;

/**
 * Common English words of four letters or more (frequent words of general English text); a
 * prompt's share of other words stands in for how specialised its vocabulary is.
 */
const COMMON_WORDS = new Set(
  'that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what where which while about after again also back because before being below between both could down each even every first from give great into last little look most must never next other people place right same should since small still their there these thing think those though three through under until upon using water week went whose work world would write year years answer question following true each number total does many much made said used used make form part then well also made point below statement statements best most likely describes correct option options choose describe example'.split(
    ' ',
  ),
);

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count += 1;
  return count;
}

const WORD_PATTERN = /[A-Za-z]+|\d+(?:[.,]\d+)*/g;

const maxNgrams = MAX_SCORED_CHARACTERS; // a word and a bigram per two characters at most
const scratchNgrams = new Uint32Array(maxNgrams);
const scratchSigns = new Int8Array(maxNgrams);

/**
 * Extracts features from `text`, reading at most `MAX_SCORED_CHARACTERS` of it; the total length
 * still counts in full. The returned arrays are reused by the next call: copy them to keep them.
 */
export function extractPromptFeatures(text: string): PromptFeatures {
  const totalLength = text.length;
  const sample = totalLength > MAX_SCORED_CHARACTERS ? text.slice(0, MAX_SCORED_CHARACTERS) : text;
  let digits = 0;
  let operators = 0;
  let sentences = 0;
  let questionMarks = 0;
  let lines = 0;
  let capitals = 0;
  let letters = 0;
  let moneyAndPercent = 0;
  let fractions = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits += 1;
      const next = sample.charCodeAt(index + 1);
      const after = sample.charCodeAt(index + 2);
      if ((next === 46 || next === 47) && after >= 48 && after <= 57) fractions += 1;
    } else if (code >= 65 && code <= 90) {
      capitals += 1;
      letters += 1;
    } else if (code >= 97 && code <= 122) letters += 1;
    else if (code === 43 || code === 42 || code === 61 || code === 94 || code === 215)
      operators += 1;
    else if (code === 46 || code === 33) sentences += 1;
    else if (code === 63) {
      questionMarks += 1;
      sentences += 1;
    } else if (code === 10) lines += 1;
    else if (code === 36 || code === 37) moneyAndPercent += 1;
  }

  let words = 0;
  let wordLetters = 0;
  let longWords = 0;
  let rareWords = 0;
  let numbers = 0;
  let maxNumber = 0;
  const distinctNumbers = new Set<string>();
  let ngramCount = 0;
  let previousHash = 0;
  for (const match of sample.matchAll(WORD_PATTERN)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    let hash: number;
    if (first >= 48 && first <= 57) {
      numbers += 1;
      distinctNumbers.add(token);
      const value = Number.parseFloat(token.replaceAll(',', ''));
      if (value > maxNumber) maxNumber = value;
      // Numbers hash by digit count: the vocabulary is the magnitude, not the value.
      hash = hashString(`#${Math.min(token.length, 8)}`);
    } else {
      words += 1;
      wordLetters += token.length;
      if (token.length >= 9) longWords += 1;
      if (token.length >= 4 && !COMMON_WORDS.has(token.toLowerCase())) rareWords += 1;
      hash = hashString(token.toLowerCase());
    }
    if (ngramCount + 2 > maxNgrams) continue;
    scratchNgrams[ngramCount] = hash & (NGRAM_BUCKETS - 1);
    scratchSigns[ngramCount] = hash & 0x8000_0000 ? -1 : 1;
    ngramCount += 1;
    if (previousHash !== 0) {
      const bigram = Math.imul(previousHash ^ 0x9e37_79b9, 0x85eb_ca6b) ^ hash;
      scratchNgrams[ngramCount] = (bigram >>> 0) & (NGRAM_BUCKETS - 1);
      scratchSigns[ngramCount] = bigram & 0x4000_0000 ? -1 : 1;
      ngramCount += 1;
    }
    previousHash = hash;
  }

  let choices = 0;
  let choiceLength = 0;
  let numericChoices = 0;
  let firstChoiceAt = -1;
  for (const match of sample.matchAll(CHOICE_PATTERN)) {
    choices += 1;
    const choice = match[2] ?? '';
    choiceLength += choice.length;
    if (/\d/.test(choice)) numericChoices += 1;
    if (firstChoiceAt < 0) firstChoiceAt = match.index ?? 0;
  }
  const hasChoices = choices >= 3;
  const stemCharacters = hasChoices && firstChoiceAt >= 0 ? firstChoiceAt : totalLength;

  const dense = new Float64Array(DENSE_FEATURE_COUNT);
  const sampleLength = Math.max(sample.length, 1);
  dense[0] = Math.log1p(totalLength);
  dense[1] = Math.log1p((words * totalLength) / sampleLength);
  dense[2] = Math.log1p(numbers);
  dense[3] = Math.log1p(distinctNumbers.size);
  dense[4] = digits / sampleLength;
  dense[5] = Math.log1p(operators);
  dense[6] = Math.log1p(sentences);
  dense[7] = Math.log1p(questionMarks);
  dense[8] = words > 0 ? wordLetters / words : 0;
  dense[9] = words > 0 ? longWords / words : 0;
  dense[10] = hasChoices ? 1 : 0;
  dense[11] = hasChoices ? Math.log1p(choiceLength / choices) : 0;
  dense[12] = Math.log1p(stemCharacters);
  dense[13] = Math.log1p(fractions);
  dense[14] = Math.log1p(Math.min(maxNumber, 1e12));
  dense[15] = Math.log1p(lines);
  dense[16] = letters > 0 ? capitals / letters : 0;
  dense[17] = Math.log1p(moneyAndPercent);
  dense[18] = Math.log1p(countMatches(sample, NEGATION_PATTERN));
  dense[19] = choices > 0 ? numericChoices / choices : 0;
  dense[20] = words > 0 ? rareWords / words : 0;
  return { dense, ngrams: scratchNgrams, ngramCount, ngramSigns: scratchSigns };
}

/** FNV-1a, 32 bits: stable across runtimes, so shipped weights mean the same everywhere. */
function hashString(value: string): number {
  let hash = 0x811c_9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x0100_0193);
  }
  return (hash >>> 0) | 1;
}
