/**
 * The distinct words of each answer choice, as word hashes, so that how much the choices share
 * (options that differ by a word or two ask for a finer distinction) is measured without strings
 * or `Set`s. Reused by every call; only the first `MAX_TRACKED_CHOICES` choices and the first
 * `MAX_WORDS_PER_CHOICE` distinct words of each count.
 */
const MAX_TRACKED_CHOICES = 8;
const MAX_WORDS_PER_CHOICE = 48;
const choiceWords = new Int32Array(MAX_TRACKED_CHOICES * MAX_WORDS_PER_CHOICE);
const choiceSizes = new Uint8Array(MAX_TRACKED_CHOICES);

/** Starts choice number `choice` (0-based); whether its words will be tracked. */
export function startChoice(choice: number): boolean {
  if (choice >= MAX_TRACKED_CHOICES) return false;
  choiceSizes[choice] = 0;
  return true;
}

/** Adds a word (by its hash) to choice `choice`'s set, unless it is there already. */
export function addChoiceWord(choice: number, hash: number): void {
  const size = choiceSizes[choice] ?? 0;
  if (size >= MAX_WORDS_PER_CHOICE) return;
  const from = choice * MAX_WORDS_PER_CHOICE;
  for (let index = from; index < from + size; index += 1) if (choiceWords[index] === hash) return;
  choiceWords[from + size] = hash;
  choiceSizes[choice] = size + 1;
}

/**
 * Over every pair of the first `choices` choices: the words they share, divided by the size of
 * the smaller set (both summed over pairs), in [0, 1].
 */
export function choiceOverlap(choices: number): number {
  const tracked = Math.min(choices, MAX_TRACKED_CHOICES);
  let shared = 0;
  let total = 0;
  for (let first = 0; first < tracked; first += 1) {
    const firstSize = choiceSizes[first] ?? 0;
    const firstFrom = first * MAX_WORDS_PER_CHOICE;
    for (let second = first + 1; second < tracked; second += 1) {
      const secondSize = choiceSizes[second] ?? 0;
      const secondFrom = second * MAX_WORDS_PER_CHOICE;
      for (let a = firstFrom; a < firstFrom + firstSize; a += 1) {
        const word = choiceWords[a];
        for (let b = secondFrom; b < secondFrom + secondSize; b += 1) {
          if (choiceWords[b] === word) {
            shared += 1;
            break;
          }
        }
      }
      total += Math.max(1, Math.min(firstSize, secondSize));
    }
  }
  return total > 0 ? shared / total : 0;
}
