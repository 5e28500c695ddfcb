import type { OutputUnit, Validator } from '@cfworker/json-schema';
import { lazyRequire, loadOnFirstUse } from '../utils/lazy-require.js';
import { JSON_SCHEMA_DRAFT_07 } from './json-schema-draft-07.js';

/** Most requests carry no tools and no response schema: the first schema check loads it. */
const loadValidator = loadOnFirstUse((): typeof import('@cfworker/json-schema') =>
  lazyRequire('@cfworker/json-schema'),
);

/** Where in a schema it breaks the meta-schema, and what the meta-schema wanted there. */
export interface JsonSchemaProblem {
  /** Path segments inside the checked schema (`['properties', 'city', 'type']`). */
  path: string[];
  found: unknown;
  expected: string;
}

let metaSchemaValidator: Validator | undefined;
/**
 * Tools and response formats are usually module-level constants passed again on every call,
 * so one check per schema object is enough; the WeakMap lets dropped schemas be collected.
 */
const checked = new WeakMap<object, JsonSchemaProblem | null>();

/** Checks a schema against the JSON Schema meta-schema, once per schema object. */
export function checkJsonSchema(schema: object): JsonSchemaProblem | undefined {
  const known = checked.get(schema);
  if (known !== undefined) return known ?? undefined;
  metaSchemaValidator ??= new (loadValidator().Validator)(JSON_SCHEMA_DRAFT_07, '7', false);
  const result = metaSchemaValidator.validate(schema);
  const problem = result.valid ? null : describeProblem(schema, result.errors);
  checked.set(schema, problem);
  return problem ?? undefined;
}

/** Combinator keywords only say "a subschema failed"; the leaf errors say what failed. */
const SUMMARY_KEYWORDS = new Set(['$ref', 'allOf', 'properties', 'items', 'additionalProperties']);

function describeProblem(schema: object, errors: OutputUnit[]): JsonSchemaProblem {
  const leaves = errors.filter((error) => !SUMMARY_KEYWORDS.has(error.keyword));
  // The deepest location is the one to fix; among equals, the first reported.
  let chosen = leaves[0] ?? errors[0];
  for (const error of leaves) {
    if (segmentsOf(error.instanceLocation).length > segmentsOf(chosen?.instanceLocation).length) {
      chosen = error;
    }
  }
  const path = segmentsOf(chosen?.instanceLocation);
  return {
    path,
    found: valueAt(schema, path),
    expected: expectedAt(path, chosen),
  };
}

/** `#/properties/city/type` → `['properties', 'city', 'type']` (JSON Pointer, RFC 6901). */
function segmentsOf(location: string | undefined): string[] {
  if (!location || location === '#') return [];
  return location
    .replace(/^#\/?/, '')
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: string[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}

const SIMPLE_TYPES =
  "one of 'object', 'array', 'string', 'number', 'integer', 'boolean', 'null' (or a list of them)";

function expectedAt(path: string[], error: OutputUnit | undefined): string {
  const key = path.at(-1);
  if (key === 'type') return SIMPLE_TYPES;
  if (key === 'required') return 'a list of distinct property names';
  if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
    return 'an object whose values are schemas';
  }
  if (error?.keyword === 'type' && /boolean/.test(error.error)) {
    return 'a schema (an object such as { type: "string" }, or true/false)';
  }
  return error ? error.error.replace(/\.$/, '') : 'a valid JSON Schema';
}
