/**
 * Features of a prompt that predict whether a strong model will get right what a weak one gets
 * wrong. Dense features are shape and arithmetic load (length, numbers, operators, answer-choice
 * structure, long words), chosen because they carry over between domains; hashed word n-grams add
 * the vocabulary of the domain a model was fitted on.
 */

/** Only this many characters are read for lexical features, so scoring cost stays flat. */
export const MAX_SCORED_CHARACTERS = 3_000;

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

/** Words whose presence flips what a question asks (`which is NOT`, `all EXCEPT`). */
const NEGATION_WORDS = ['not', 'except', 'least', 'false', 'incorrect', 'never', 'cannot'];

/**
 * Common English words of four letters or more (frequent words of general English text, and the
 * stock words of questions); a prompt's share of other words stands in for how specialised its
 * vocabulary is.
 */
const COMMON_WORDS =
  'that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what where which while about after again also back because before being below between both could down each even every first give great into last little look most must never next other people place right same should since small still their there these thing think those though three through under until upon using water week went whose work world would write year years answer question following true number total does made said used form part then point statement statements best likely describes correct option options choose describe example';

/** Flags of a word in `WORD_FLAGS`. */
const COMMON = 1;
const NEGATION = 2;
/**
 * The words above as an open-addressing table from word hash to flags, built once: a lookup per
 * word is a few typed-array reads, where a `Set` would hash the key again.
 */
const WORD_SLOTS = 1_024;
const wordKeys = new Int32Array(WORD_SLOTS);
const wordFlags = new Uint8Array(WORD_SLOTS);
for (const word of COMMON_WORDS.split(' ')) addWord(hashString(word), COMMON);
for (const word of NEGATION_WORDS) addWord(hashString(word), NEGATION);

/** Numbers hash by digit count: the vocabulary is the magnitude, not the value. */
const NUMBER_HASHES = Int32Array.from({ length: 9 }, (_, digits) => hashString(`#${digits}`));

const maxNgrams = MAX_SCORED_CHARACTERS; // a word and a bigram per two characters at most
const scratchNgrams = new Uint32Array(maxNgrams);
const scratchSigns = new Int8Array(maxNgrams);

/**
 * The distinct numbers of one prompt, as an open-addressing set of their hashes reused by every
 * call: a slot belongs to the current call when its stamp is the call's generation, so nothing is
 * cleared between calls. A prompt prefix holds at most `MAX_SCORED_CHARACTERS / 2` numbers.
 */
const NUMBER_SLOTS = 4_096;
const numberKeys = new Int32Array(NUMBER_SLOTS);
const numberStamps = new Uint32Array(NUMBER_SLOTS);
let generation = 0;

/**
 * The prefix's UTF-16 code units, copied in once per call: reading a typed array is much cheaper
 * than `charCodeAt` on a string of unknown representation (sliced, concatenated, two-byte). A
 * prefix of ASCII (the common case) is copied natively by `encodeInto`. Numbers and answer
 * choices look a few units past the limit, so those are copied too, and a sentinel that matches
 * no character class ends the copy, as `NaN` does past the end of a string.
 */
const LOOK_AHEAD = 4;
const END_OF_TEXT = 0xffff;
const codes = new Uint16Array(MAX_SCORED_CHARACTERS + LOOK_AHEAD + 1);
const asciiBytes = new Uint8Array(MAX_SCORED_CHARACTERS + LOOK_AHEAD);
const encoder = new TextEncoder();

function copyPrefix(text: string): void {
  const count = Math.min(text.length, MAX_SCORED_CHARACTERS + LOOK_AHEAD);
  const bytes = asciiBytes.subarray(0, count);
  const { read, written } = encoder.encodeInto(text, bytes);
  if (read === count && written === count) codes.set(bytes);
  else for (let index = 0; index < count; index += 1) codes[index] = text.charCodeAt(index);
  codes[count] = END_OF_TEXT;
}

const codeAt = (index: number) => codes[index] ?? END_OF_TEXT;
// One unsigned comparison each (codes are never NaN here): setting bit 5 folds A–Z onto a–z.
const isDigit = (code: number) => (code - 48) >>> 0 <= 9;
const isLetter = (code: number) => ((code | 0x20) - 97) >>> 0 <= 25;

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
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    numberStamps.fill(0);
    generation = 1;
  }
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
          if (isDigit(codeAt(lineEnd))) hasDigit = true;
          lineEnd += 1;
        }
        choiceLength += lineEnd - choiceEnd;
        if (lineEnd - choiceEnd > longestChoice) longestChoice = lineEnd - choiceEnd;
        if (hasDigit) numericChoices += 1;
        if (firstChoiceAt < 0) firstChoiceAt = index;
      }
    }
    const code = codeAt(index);
    let token: number;
    if (isLetter(code)) {
      let hash = 0x811c_9dc5;
      const from = index;
      while (index < end) {
        const letter = codeAt(index);
        if (!isLetter(letter)) break;
        if (letter <= 90) capitals += 1;
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
      else if (code === 46 || code === 33) sentences += 1;
      else if (code === 63) {
        questionMarks += 1;
        sentences += 1;
      } else if (code === 10) {
        lines += 1;
        atLineStart = true;
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
  return { dense, ngrams: scratchNgrams, ngramCount, ngramSigns: scratchSigns };
}

/**
 * Where an answer choice's text starts when a line opens with one (`A. `, `(B) `, `C: `), else 0.
 */
function choiceAt(start: number, end: number): number {
  let index = start;
  while (index < end && (codeAt(index) === 32 || codeAt(index) === 9)) index += 1;
  if (codeAt(index) === 40) index += 1;
  const letter = codeAt(index);
  if (letter < 65 || letter > 68) return 0;
  const mark = codeAt(index + 1);
  if (mark !== 46 && mark !== 41 && mark !== 58) return 0;
  const space = codeAt(index + 2);
  if (space !== 32 && space !== 9) return 0;
  index += 3;
  while (index < end && (codeAt(index) === 32 || codeAt(index) === 9)) index += 1;
  return index;
}

function slotOf(hash: number, slots: number): number {
  return (hash ^ (hash >>> 15)) & (slots - 1);
}

function addWord(hash: number, flag: number): void {
  let slot = slotOf(hash, WORD_SLOTS);
  while (wordKeys[slot] !== 0 && wordKeys[slot] !== hash) slot = (slot + 1) & (WORD_SLOTS - 1);
  wordKeys[slot] = hash;
  wordFlags[slot] = (wordFlags[slot] ?? 0) | flag;
}

/** Word hashes are odd, so a zero key marks an empty slot. */
function wordFlagsOf(hash: number): number {
  let slot = slotOf(hash, WORD_SLOTS);
  for (;;) {
    const key = wordKeys[slot];
    if (key === hash) return wordFlags[slot] ?? 0;
    if (key === 0) return 0;
    slot = (slot + 1) & (WORD_SLOTS - 1);
  }
}

/** Adds a number's hash to this call's set; whether it was new. */
function addNumber(hash: number): boolean {
  let slot = slotOf(hash, NUMBER_SLOTS);
  while (numberStamps[slot] === generation) {
    if (numberKeys[slot] === hash) return false;
    slot = (slot + 1) & (NUMBER_SLOTS - 1);
  }
  numberStamps[slot] = generation;
  numberKeys[slot] = hash;
  return true;
}

/** FNV-1a, 32 bits: stable across runtimes, so shipped weights mean the same everywhere. */
function hashString(value: string): number {
  let hash = 0x811c_9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash = Math.imul(hash ^ value.charCodeAt(index), 0x0100_0193);
  }
  return (hash >>> 0) | 1;
}
