import * as v from 'valibot';

/*
 * Field schemas shared by the config file's sections. Every message says what the field must
 * be with an example, so the `ConfigurationError` built from it (path first) tells the fix.
 */

export const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const environmentName = (what: string) =>
  v.pipe(
    v.string(`must name the environment variable holding ${what}, e.g. "STRATUM_VALUE"`),
    v.regex(ENVIRONMENT_NAME, 'must be an environment variable name such as "MY_VARIABLE"'),
  );

export const wholeNumber = (example: number, minimum = 0) =>
  v.pipe(
    v.number(`must be a whole number, e.g. ${example}`),
    v.integer(`must be a whole number, e.g. ${example}`),
    v.minValue(minimum, `must be ${minimum} or more, e.g. ${example}`),
  );

export const positiveNumber = (example: number) =>
  v.pipe(
    v.number(`must be a number above 0, e.g. ${example}`),
    v.gtValue(0, `must be above 0, e.g. ${example}`),
  );

export const dollars = (example: number) =>
  v.pipe(
    v.number(`must be a number of US dollars, e.g. ${example}`),
    v.minValue(0, `must be 0 or more US dollars, e.g. ${example}`),
  );

export const nonEmptyText = (what: string) =>
  v.pipe(v.string(`must be ${what}`), v.nonEmpty(`must be ${what}, not empty`));

/** A model id as the client resolves it (`openai/gpt-4.1-mini`), an alias or a route id. */
export const modelId = nonEmptyText('a model id such as "openai/gpt-4.1-mini"');

export const modelIds = (what: string) =>
  v.pipe(
    v.array(modelId, `must be a list of ${what}, e.g. ["openai/gpt-4.1-mini"]`),
    v.minLength(1, `must list at least one of ${what}`),
  );

export const textList = (example: string) =>
  v.array(v.string(`must be text, e.g. "${example}"`), `must be a list, e.g. ["${example}"]`);

export const budgetPeriod = v.union(
  [
    v.picklist(['day', 'week', 'month', 'total']),
    v.strictObject({ rollingMs: wholeNumber(86_400_000, 60) }),
  ],
  'must be "day", "week", "month", "total" or { "rollingMs": 86400000 }',
);
