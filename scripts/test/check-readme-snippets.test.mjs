import { describe, expect, it } from 'vitest';
import { extractSnippets } from '../check-readme-snippets.mjs';

describe('check-readme-snippets', () => {
  it('finds ts blocks with the README line their code starts on, and honours the skip marker', () => {
    const markdown = [
      '# Title', // 1
      '```sh', // 2
      'npm start', // 3
      '```', // 4
      '```ts', // 5
      "import { createClient } from '@stratum/core';", // 6
      'createClient({ providers: [] });', // 7
      '```', // 8
      '<!-- snippet: not type-checked, needs @azure/identity -->', // 9
      '```typescript', // 10
      "import '@azure/identity';", // 11
      '```', // 12
    ].join('\n');
    expect(extractSnippets(markdown)).toEqual([
      {
        line: 6,
        code: "import { createClient } from '@stratum/core';\ncreateClient({ providers: [] });",
        skipped: false,
      },
      { line: 11, code: "import '@azure/identity';", skipped: true },
    ]);
  });

  it('does not skip a block for an unrelated comment', () => {
    const markdown = ['<!-- a note -->', '```ts', 'const a = 1;', '```'].join('\n');
    expect(extractSnippets(markdown)).toEqual([{ line: 3, code: 'const a = 1;', skipped: false }]);
  });
});
