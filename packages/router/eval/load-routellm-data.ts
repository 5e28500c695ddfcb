import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

/** One evaluation prompt with both models' graded answers (RouteLLM's evaluation data). */
export interface EvalPrompt {
  prompt: string;
  /** MMLU subject, or `gsm8k`. */
  group: string;
  strongCorrect: boolean;
  weakCorrect: boolean;
  /** The models' answers, where the data keeps them (GSM8K). */
  strongResponse?: string;
  weakResponse?: string;
}

export const STRONG_MODEL = 'gpt-4-1106-preview';
export const WEAK_MODEL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const DATA_DIRECTORY = join(import.meta.dirname, 'data');

function readCsv(path: string): Record<string, string>[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return parse(text, { columns: true, skip_empty_lines: true });
}

/** The `eval_prompt` of each contamination record, which RouteLLM drops before evaluating. */
function contaminated(path: string): Set<string> {
  const prompts = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record: unknown = JSON.parse(line);
    if (typeof record === 'object' && record !== null && 'eval_prompt' in record) {
      const prompt = record.eval_prompt;
      if (typeof prompt === 'string') prompts.add(prompt);
    }
  }
  return prompts;
}

function toPrompts(rows: Record<string, string>[], group: string, drop: Set<string>): EvalPrompt[] {
  const prompts: EvalPrompt[] = [];
  for (const row of rows) {
    const prompt = row.prompt ?? '';
    if (drop.has(prompt)) continue;
    prompts.push({
      prompt,
      group,
      strongCorrect: row[STRONG_MODEL] === 'True',
      weakCorrect: row[WEAK_MODEL] === 'True',
      strongResponse: row[`${STRONG_MODEL}_response`],
      weakResponse: row[`${WEAK_MODEL}_response`],
    });
  }
  return prompts;
}

export function loadGsm8k(): EvalPrompt[] {
  const drop = contaminated(join(DATA_DIRECTORY, 'gsm8k/contaminated_prompts.jsonl'));
  return toPrompts(readCsv(join(DATA_DIRECTORY, 'gsm8k/gsm8k_responses.csv.gz')), 'gsm8k', drop);
}

export function loadMmlu(): EvalPrompt[] {
  const drop = contaminated(join(DATA_DIRECTORY, 'mmlu/contaminated_prompts.jsonl'));
  const directory = join(DATA_DIRECTORY, 'mmlu/responses');
  const prompts: EvalPrompt[] = [];
  for (const file of readdirSync(directory).sort()) {
    const subject = file.replace(/^mmlu_/, '').replace(/\.csv\.gz$/, '');
    prompts.push(...toPrompts(readCsv(join(directory, file)), subject, drop));
  }
  return prompts;
}
