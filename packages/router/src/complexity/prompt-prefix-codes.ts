/** Only this many characters are read for lexical features, so scoring cost stays flat. */
export const MAX_SCORED_CHARACTERS = 3_000;

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

export function copyPrefix(text: string): void {
  const count = Math.min(text.length, MAX_SCORED_CHARACTERS + LOOK_AHEAD);
  const bytes = asciiBytes.subarray(0, count);
  const { read, written } = encoder.encodeInto(text, bytes);
  if (read === count && written === count) codes.set(bytes);
  else for (let index = 0; index < count; index += 1) codes[index] = text.charCodeAt(index);
  codes[count] = END_OF_TEXT;
}

export const codeAt = (index: number) => codes[index] ?? END_OF_TEXT;
// One unsigned comparison each (codes are never NaN here): setting bit 5 folds A–Z onto a–z.
export const isDigit = (code: number) => (code - 48) >>> 0 <= 9;
export const isLetter = (code: number) => ((code | 0x20) - 97) >>> 0 <= 25;

/**
 * Where an answer choice's text starts when a line opens with one (`A. `, `(B) `, `C: `), else 0.
 */
export function choiceAt(start: number, end: number): number {
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
