import { describe, expect, it } from 'vitest';
import { extractPromptFeatures } from '../src/complexity/complexity-features.js';
import { DENSE_FEATURE_NAMES } from '../src/index.js';

function feature(text: string, name: (typeof DENSE_FEATURE_NAMES)[number]): number {
  return extractPromptFeatures(text).dense[DENSE_FEATURE_NAMES.indexOf(name)] ?? Number.NaN;
}

describe('dense features that carry over between subjects', () => {
  it('counts units of measure and words that chain arithmetic steps', () => {
    const problem =
      'A car drives 60 miles each hour for 3 hours, then twice as far per day. What is the total?';
    // miles, hour, hours, day; each, then, twice, per, total.
    expect(feature(problem, 'log-unit-words')).toBeCloseTo(Math.log1p(4));
    expect(feature(problem, 'log-step-cues')).toBeCloseTo(Math.log1p(5));
    expect(feature('Say hello to the team.', 'log-unit-words')).toBe(0);
  });

  it('marks roman-numeral combination choices only in capitals', () => {
    const roman =
      'Which are true?\nA. I and II\nB. II only\nC. I, II and III\nD. III only\nAnswer:';
    expect(feature(roman, 'roman-combinations')).toBe(1);
    expect(feature('Between you and i and the wall, ii only knows.', 'roman-combinations')).toBe(0);
  });

  it('measures how many words the answer choices share', () => {
    const similar =
      'The relation is\nA. symmetric only\nB. anti symmetric only\nC. both symmetric and anti symmetric\nD. symmetric and transitive\nAnswer:';
    const distinct = 'The capital is\nA. Paris\nB. Rome\nC. Madrid\nD. Berlin\nAnswer:';
    expect(feature(similar, 'choice-word-overlap')).toBeGreaterThan(0.5);
    expect(feature(distinct, 'choice-word-overlap')).toBe(0);
    // Free-form prompts have no choices to compare.
    expect(feature('Paris or Rome?', 'choice-word-overlap')).toBe(0);
  });

  it('counts sentences in the stem, not in the choices, and ignores marks inside numbers', () => {
    const question =
      'Each dog takes .5 hours a day. John has 10 dogs. Which is right?\nA. Yes. Sure.\nB. No.\nC. Maybe.\nD. Never.\nAnswer:';
    expect(feature(question, 'log-stem-sentences')).toBeCloseTo(Math.log1p(3));
    expect(feature('One. Two? Three!', 'log-words-per-sentence')).toBeCloseTo(Math.log1p(1));
  });

  it('counts commas within the choices of a multiple-choice prompt only', () => {
    const pairs =
      'Statement pair\nA. True, True\nB. False, False\nC. True, False\nD. False, True\n';
    expect(feature(pairs, 'log-choice-commas')).toBeCloseTo(Math.log1p(4));
    expect(feature('Apples, pears, plums.', 'log-choice-commas')).toBe(0);
  });
});
