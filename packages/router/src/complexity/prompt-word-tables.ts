/** Words whose presence flips what a question asks (`which is NOT`, `all EXCEPT`). */
const NEGATION_WORDS = ['not', 'except', 'least', 'false', 'incorrect', 'never', 'cannot'];

/**
 * Common English words of four letters or more (frequent words of general English text, and the
 * stock words of questions); a prompt's share of other words stands in for how specialised its
 * vocabulary is.
 */
const COMMON_WORDS =
  'that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what where which while about after again also back because before being below between both could down each even every first give great into last little look most must never next other people place right same should since small still their there these thing think those though three through under until upon using water week went whose work world would write year years answer question following true number total does made said used form part then point statement statements best likely describes correct option options choose describe example';

/**
 * Units of measure: a word problem that converts or combines quantities takes more steps than one
 * that counts.
 */
const UNIT_WORDS =
  'hours hour minutes minute seconds miles mile km kilometers meters meter feet foot inches inch pounds pound kg kilograms grams dollars dollar cents cent days day weeks week months month years year liters gallons ounces';

/** Words that chain one step of arithmetic onto another (`then`, `each`, `remaining`, `per`). */
const STEP_CUE_WORDS =
  'then each total remaining left every per times twice half percent rest average more less after before than altogether remainder difference sum product ratio';

/** Roman numerals that open combination choices (`I and II`, `III only`) and their joiners. */
const ROMAN_WORDS = ['i', 'ii', 'iii', 'iv'];
const ROMAN_JOINER_WORDS = ['and', 'only'];

/** Flags of a word in `WORD_FLAGS`. */
export const COMMON = 1;
export const NEGATION = 2;
export const UNIT = 4;
export const STEP_CUE = 8;
export const ROMAN = 16;
export const ROMAN_JOINER = 32;
/**
 * The words above as an open-addressing table from word hash to flags, built once: a lookup per
 * word is a few typed-array reads, where a `Set` would hash the key again.
 */
const WORD_SLOTS = 1_024;
const wordKeys = new Int32Array(WORD_SLOTS);
const wordFlags = new Uint8Array(WORD_SLOTS);
for (const word of COMMON_WORDS.split(' ')) addWord(hashString(word), COMMON);
for (const word of NEGATION_WORDS) addWord(hashString(word), NEGATION);
for (const word of UNIT_WORDS.split(' ')) addWord(hashString(word), UNIT);
for (const word of STEP_CUE_WORDS.split(' ')) addWord(hashString(word), STEP_CUE);
for (const word of ROMAN_WORDS) addWord(hashString(word), ROMAN);
for (const word of ROMAN_JOINER_WORDS) addWord(hashString(word), ROMAN_JOINER);

/** Numbers hash by digit count: the vocabulary is the magnitude, not the value. */
export const NUMBER_HASHES = Int32Array.from({ length: 9 }, (_, digits) =>
  hashString(`#${digits}`),
);

/**
 * The distinct numbers of one prompt, as an open-addressing set of their hashes reused by every
 * call: a slot belongs to the current call when its stamp is the call's generation, so nothing is
 * cleared between calls. A prompt prefix holds at most `MAX_SCORED_CHARACTERS / 2` numbers.
 */
const NUMBER_SLOTS = 4_096;
const numberKeys = new Int32Array(NUMBER_SLOTS);
const numberStamps = new Uint32Array(NUMBER_SLOTS);
let generation = 0;

/** Starts a new prompt's number set: one counter bump, no clearing (but on wrap-around). */
export function clearNumbers(): void {
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    numberStamps.fill(0);
    generation = 1;
  }
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
export function wordFlagsOf(hash: number): number {
  let slot = slotOf(hash, WORD_SLOTS);
  for (;;) {
    const key = wordKeys[slot];
    if (key === hash) return wordFlags[slot] ?? 0;
    if (key === 0) return 0;
    slot = (slot + 1) & (WORD_SLOTS - 1);
  }
}

/** Adds a number's hash to this call's set; whether it was new. */
export function addNumber(hash: number): boolean {
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
