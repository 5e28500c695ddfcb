import { describe, expect, it } from 'vitest';
import { parseTools } from '../src/api/parse-tools.js';
import { formatUsd, picodollarsToUsd } from '../src/format.js';

describe('parseTools', () => {
  it('reads an empty box as no tools', () => {
    expect(parseTools('  ')).toEqual({});
  });

  it('keeps name, description and parameters of each tool', () => {
    const result = parseTools(
      '[{"name":"get_weather","description":"weather","parameters":{"type":"object"},"extra":1}]',
    );
    expect(result.tools).toEqual([
      { name: 'get_weather', description: 'weather', parameters: { type: 'object' } },
    ]);
  });

  it('names the field and the fix for bad input', () => {
    expect(parseTools('{').error).toMatch(/^tools: not valid JSON/);
    expect(parseTools('{}').error).toBe('tools: expected a JSON array of tool definitions');
    expect(parseTools('[{"name":""}]').error).toMatch(/^tools\[0\]\.name/);
    expect(parseTools('[{"name":"a","parameters":[]}]').error).toMatch(/^tools\[0\]\.parameters/);
  });
});

describe('money formatting', () => {
  it('shows fractions of a cent and converts picodollars exactly enough for display', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.000123)).toBe('$0.000123');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(picodollarsToUsd('1500000000000')).toBe(1.5);
  });
});
