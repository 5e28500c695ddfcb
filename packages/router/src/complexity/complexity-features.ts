/**
 * Features of a prompt that predict whether a strong model will get right what a weak one gets
 * wrong. Dense features are shape and arithmetic load (length, numbers, operators, answer-choice
 * structure, long words), chosen because they carry over between domains; hashed word n-grams add
 * the vocabulary of the domain a model was fitted on.
 */

import { addChoiceWord, choiceOverlap, startChoice } from './choice-word-sets.js';
import {
  choiceAt,
  codeAt,
  copyPrefix,
  isDigit,
  isLetter,
  MAX_SCORED_CHARACTERS,
} from './prompt-prefix-codes.js';
import {
  addNumber,
  COMMON,
  clearNumbers,
  NEGATION,
  NUMBER_HASHES,
  ROMAN,
  ROMAN_JOINER,
  STEP_CUE,
  UNIT,
  wordFlagsOf,
} from './prompt-word-tables.js';

export { MAX_SCORED_CHARACTERS };

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
  'choices-times-numbers',
  'log-longest-choice',
  'choices-times-words',
  'log-unit-words',
  'log-step-cues',
  'roman-combinations',
  'log-choice-commas',
  'log-stem-sentences',
  'choice-word-overlap',
  'log-words-per-sentence',
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

const maxNgrams = MAX_SCORED_CHARACTERS; // a word and a bigram per two characters at most
const scratchNgrams = new Uint32Array(maxNgrams);
const scratchSigns = new Int8Array(maxNgrams);

/**
 * Extracts features from `text`, reading at most `MAX_SCORED_CHARACTERS` of it in one pass over
 * its character codes (no regular expressions, no strings or arrays made per call: this runs on
 * every routed request); the total length still counts in full. The returned n-gram arrays are
 * reused by the next call.
 */
export function extractPromptFeatures(text: string): PromptFeatures {
  const totalLength = text.length;
  const end = Math.min(totalLength, MAX_SCORED_CHARACTERS);
  copyPrefix(text);
  clearNumbers();
  let digits = 0;
  let operators = 0;
  let sentences = 0;
  let questionMarks = 0;
  let lines = 0;
  let capitals = 0;
  let letters = 0;
  let moneyAndPercent = 0;
  let fractions = 0;
  let words = 0;
  let wordLetters = 0;
  let longWords = 0;
  let rareWords = 0;
  let negations = 0;
  let numbers = 0;
  let distinctNumbers = 0;
  let maxNumber = 0;
  let choices = 0;
  let choiceLength = 0;
  let longestChoice = 0;
  let numericChoices = 0;
  let firstChoiceAt = -1;
  let units = 0;
  let stepCues = 0;
  let romanCombinations = 0;
  let romanEnd = -1;
  let choiceCommas = 0;
  let stemSentences = -1;
  // Marks followed by a space or the end: `.5` and `...` are not three sentences.
  let sentenceEnds = 0;
  // The choice whose words are being collected (-1 outside a tracked choice) and where its text starts.
  let choiceNumber = -1;
  let choiceTextAt = 0;
  let ngramCount = 0;
  let previousHash = 0;

  let index = 0;
  let atLineStart = true;
  while (index < end) {
    if (atLineStart) {
      atLineStart = false;
      const choiceEnd = choiceAt(index, end);
      if (choiceEnd > 0) {
        choices += 1;
        let lineEnd = choiceEnd;
        let hasDigit = false;
        while (lineEnd < end && codeAt(lineEnd) !== 10) {
          const character = codeAt(lineEnd);
          if (isDigit(character)) hasDigit = true;
          else if (character === 44) choiceCommas += 1;
          lineEnd += 1;
        }
        choiceNumber = startChoice(choices - 1) ? choices - 1 : -1;
        choiceTextAt = choiceEnd;
        choiceLength += lineEnd - choiceEnd;
        if (lineEnd - choiceEnd > longestChoice) longestChoice = lineEnd - choiceEnd;
        if (hasDigit) numericChoices += 1;
        if (firstChoiceAt < 0) {
          firstChoiceAt = index;
          stemSentences = sentenceEnds;
        }
      }
    }
    const code = codeAt(index);
    let token: number;
    if (isLetter(code)) {
      let hash = 0x811c_9dc5;
      const from = index;
      // Roman numerals count only in capitals (`I and II`), not the pronoun's lower-case twin.
      let romanCapitals = true;
      while (index < end) {
        const letter = codeAt(index);
        if (!isLetter(letter)) break;
        if (letter <= 90) capitals += 1;
        if (letter !== 73 && letter !== 86) romanCapitals = false;
        hash = Math.imul(hash ^ (letter | 0x20), 0x0100_0193);
        index += 1;
      }
      const length = index - from;
      token = (hash >>> 0) | 1;
      letters += length;
      words += 1;
      wordLetters += length;
      if (length >= 9) longWords += 1;
      const flags = wordFlagsOf(token);
      if (length >= 4 && (flags & COMMON) === 0) rareWords += 1;
      if (flags & NEGATION) negations += 1;
      if (flags & UNIT) units += 1;
      if (flags & STEP_CUE) stepCues += 1;
      if (flags & ROMAN_JOINER && romanEnd === from - 1 && codeAt(romanEnd) === 32) {
        romanCombinations = 1;
      }
      romanEnd = romanCapitals && flags & ROMAN ? index : -1;
      if (choiceNumber >= 0 && from >= choiceTextAt) addChoiceWord(choiceNumber, token);
    } else if (isDigit(code)) {
      let value = 0;
      let scale = 0;
      let hash = 0x811c_9dc5;
      const from = index;
      while (index < end) {
        const character = codeAt(index);
        if (isDigit(character)) {
          digits += 1;
          value = value * 10 + (character - 48);
          if (scale > 0) scale *= 10;
        } else if (
          (character === 44 || character === 46 || character === 47) &&
          isDigit(codeAt(index + 1))
        ) {
          if (character !== 44) {
            fractions += 1;
            scale = 1;
          }
        } else break;
        hash = Math.imul(hash ^ character, 0x0100_0193);
        index += 1;
      }
      numbers += 1;
      if (addNumber(hash)) distinctNumbers += 1;
      const magnitude = scale > 0 ? value / scale : value;
      if (magnitude > maxNumber) maxNumber = magnitude;
      token = NUMBER_HASHES[Math.min(index - from, 8)] ?? 1;
    } else {
      // Spaces first: they are most of what is neither a letter nor a digit.
      if (code === 32) {
      } else if (code === 43 || code === 42 || code === 61 || code === 94 || code === 215)
        operators += 1;
      else if (code === 46 || code === 33) {
        sentences += 1;
        if (endsSentence(index, end)) sentenceEnds += 1;
      } else if (code === 63) {
        questionMarks += 1;
        sentences += 1;
        if (endsSentence(index, end)) sentenceEnds += 1;
      } else if (code === 10) {
        lines += 1;
        atLineStart = true;
        choiceNumber = -1;
      } else if (code === 36 || code === 37) moneyAndPercent += 1;
      index += 1;
      continue;
    }
    // The word or number as a unigram, and as a bigram with the one before it.
    if (ngramCount + 2 > maxNgrams) continue;
    scratchNgrams[ngramCount] = token & (NGRAM_BUCKETS - 1);
    scratchSigns[ngramCount] = token & 0x8000_0000 ? -1 : 1;
    ngramCount += 1;
    if (previousHash !== 0) {
      const bigram = Math.imul(previousHash ^ 0x9e37_79b9, 0x85eb_ca6b) ^ token;
      scratchNgrams[ngramCount] = (bigram >>> 0) & (NGRAM_BUCKETS - 1);
      scratchSigns[ngramCount] = bigram & 0x4000_0000 ? -1 : 1;
      ngramCount += 1;
    }
    previousHash = token;
  }

  const hasChoices = choices >= 3;
  const stemCharacters = hasChoices && firstChoiceAt >= 0 ? firstChoiceAt : totalLength;
  const dense = new Float64Array(DENSE_FEATURE_COUNT);
  const sampleLength = Math.max(end, 1);
  dense[0] = Math.log1p(totalLength);
  dense[1] = Math.log1p((words * totalLength) / sampleLength);
  dense[2] = Math.log1p(numbers);
  dense[3] = Math.log1p(distinctNumbers);
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
  dense[18] = Math.log1p(negations);
  dense[19] = choices > 0 ? numericChoices / choices : 0;
  dense[20] = words > 0 ? rareWords / words : 0;
  dense[21] = hasChoices ? Math.log1p(numbers) : 0;
  dense[22] = hasChoices ? Math.log1p(longestChoice) : 0;
  dense[23] = hasChoices ? Math.log1p(words) : 0;
  dense[24] = Math.log1p(units);
  dense[25] = Math.log1p(stepCues);
  dense[26] = romanCombinations;
  dense[27] = hasChoices ? Math.log1p(choiceCommas) : 0;
  dense[28] = Math.log1p(stemSentences >= 0 && hasChoices ? stemSentences : sentenceEnds);
  dense[29] = hasChoices ? choiceOverlap(choices) : 0;
  dense[30] = Math.log1p(words / Math.max(1, sentenceEnds));
  return { dense, ngrams: scratchNgrams, ngramCount, ngramSigns: scratchSigns };
}

/** Whether the mark at `index` ends a sentence: followed by white space or the end of the text. */
function endsSentence(index: number, end: number): boolean {
  if (index + 1 >= end) return true;
  const next = codeAt(index + 1);
  return next === 32 || next === 10 || next === 9 || next === 13 || next === 160;
}
