import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/index.js';
import {
  isRecord,
  loadApiKey,
  NO_CAPABILITIES,
  noReasoningBudget,
  readApiKey,
  unsupportedSetting,
} from '../src/provider-kit/index.js';

const VARIABLE = 'STRATUM_KIT_TEST_KEY';
const SECOND = 'STRATUM_KIT_TEST_KEY_2';

afterEach(() => {
  delete process.env[VARIABLE];
  delete process.env[SECOND];
});

describe('loadApiKey', () => {
  it('prefers the setting over the environment and trims both', () => {
    process.env[VARIABLE] = '  from-environment  ';
    const options = { provider: 'kit', environmentVariable: VARIABLE };
    expect(loadApiKey({ ...options, apiKey: '  from-setting \n' })).toBe('from-setting');
    expect(loadApiKey({ ...options, apiKey: undefined })).toBe('from-environment');
  });

  it('treats a blank setting or variable as absent and tries the variables in order', () => {
    process.env[VARIABLE] = '   ';
    process.env[SECOND] = 'second';
    expect(
      loadApiKey({ provider: 'kit', apiKey: ' ', environmentVariable: [VARIABLE, SECOND] }),
    ).toBe('second');
  });

  it('reads the environment when called, not before', () => {
    const options = { provider: 'kit', apiKey: undefined, environmentVariable: VARIABLE };
    expect(readApiKey(options)).toBeUndefined();
    process.env[VARIABLE] = 'set-later';
    expect(readApiKey(options)).toBe('set-later');
  });

  it('names the variable and the setting when there is no key', () => {
    let caught: unknown;
    try {
      loadApiKey({ provider: 'kit', apiKey: undefined, environmentVariable: VARIABLE });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(String(caught)).toContain(VARIABLE);
    expect(String(caught)).toContain('apiKey setting');
    expect(String(caught)).toContain('kit provider');
  });

  it('names every variable it tried', () => {
    expect(() =>
      loadApiKey({ provider: 'kit', apiKey: undefined, environmentVariable: [VARIABLE, SECOND] }),
    ).toThrow(`${VARIABLE} (or ${SECOND})`);
  });
});

describe('warning helpers', () => {
  it('builds unsupported-setting warnings', () => {
    expect(unsupportedSetting('seed', 'no seed')).toEqual({
      type: 'unsupported-setting',
      setting: 'seed',
      message: 'no seed',
    });
    const budget = noReasoningBudget('Vendor', 'Use effort.');
    expect(budget.setting).toBe('reasoning.budgetTokens');
    expect(budget.message).toBe(
      'Vendor takes no reasoning token budget; budgetTokens was not sent. Use effort.',
    );
  });
});

describe('isRecord and NO_CAPABILITIES', () => {
  it('accepts plain objects only', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('text')).toBe(false);
  });

  it('claims no capability', () => {
    expect(Object.values(NO_CAPABILITIES).every((flag) => flag === false)).toBe(true);
  });
});
