import { isRecord } from '../provider-kit/is-record.js';
import { lazyRequire, loadOnFirstUse } from '../utils/lazy-require.js';
import { JSON_SCHEMA_DRAFT_07 } from './json-schema-draft-07.js';

/** One failed keyword, as @exodus/schemasafe reports it with `includeErrors`. */
interface SchemaError {
  /** JSON Pointer into the meta-schema, `$ref`s included (`#/properties/type/anyOf/1/type`). */
  keywordLocation: string;
  /** JSON Pointer into the checked schema (`#/properties/city/type`). */
  instanceLocation: string;
}

interface MetaSchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaError[] | null;
}

/**
 * The part of @exodus/schemasafe used here. Its validators take any value, which its bundled
 * typings (marked experimental) narrow to JSON values; tool schemas are typed `object`.
 */
interface Schemasafe {
  validator(
    schema: object,
    options: { mode: 'lax'; includeErrors: true; allErrors: true; formats: object },
  ): MetaSchemaValidator;
}

/** Most requests carry no tools and no response schema: the first schema check loads it. */
const loadSchemasafe = loadOnFirstUse((): Schemasafe => lazyRequire('@exodus/schemasafe'));

/** Where in a schema it breaks the meta-schema, and what the meta-schema wanted there. */
export interface JsonSchemaProblem {
  /** Path segments inside the checked schema (`['properties', 'city', 'type']`). */
  path: string[];
  found: unknown;
  expected: string;
}

let metaSchemaValidator: MetaSchemaValidator | undefined;
/**
 * Tools and response formats are usually module-level constants passed again on every call,
 * so one check per schema object is enough; the WeakMap lets dropped schemas be collected.
 */
const checked = new WeakMap<object, JsonSchemaProblem | null>();

/** Checks a schema against the JSON Schema meta-schema, once per schema object. */
export function checkJsonSchema(schema: object): JsonSchemaProblem | undefined {
  const known = checked.get(schema);
  if (known !== undefined) return known ?? undefined;
  // The meta-schema's `default`s, `format`s and `$id` are annotations, which `lax` allows.
  metaSchemaValidator ??= loadSchemasafe().validator(JSON_SCHEMA_DRAFT_07, {
    mode: 'lax',
    includeErrors: true,
    allErrors: true,
    formats: {},
  });
  const valid = metaSchemaValidator(schema);
  const problem = valid ? null : describeProblem(schema, metaSchemaValidator.errors ?? []);
  checked.set(schema, problem);
  return problem ?? undefined;
}

/** Combinator keywords only say "a subschema failed"; the leaf errors say what failed. */
const SUMMARY_KEYWORDS = new Set([
  '$ref',
  'allOf',
  'anyOf',
  'properties',
  'items',
  'additionalProperties',
]);

function describeProblem(schema: object, errors: readonly SchemaError[]): JsonSchemaProblem {
  const leaves = errors.filter((error) => !SUMMARY_KEYWORDS.has(keywordOf(error)));
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

function expectedAt(path: string[], error: SchemaError | undefined): string {
  const key = path.at(-1);
  if (key === 'type') return SIMPLE_TYPES;
  if (key === 'required') return 'a list of distinct property names';
  if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
    return 'an object whose values are schemas';
  }
  if (!error) return 'a valid JSON Schema';
  const keyword = keywordOf(error);
  const wanted = metaSchemaValueAt(error.keywordLocation);
  if (keyword === 'type') {
    const types = Array.isArray(wanted) ? wanted.map(String) : [String(wanted)];
    if (types.includes('boolean') && types.includes('object')) {
      return 'a schema (an object such as { type: "string" }, or true/false)';
    }
    return types.map((type) => `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`).join(' or ');
  }
  if (keyword === 'enum' && Array.isArray(wanted)) {
    return `one of ${wanted.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  if (keyword === 'minimum') return `a number of at least ${String(wanted)}`;
  if (keyword === 'minItems') return `a list of at least ${String(wanted)} item(s)`;
  if (keyword === 'uniqueItems') return 'a list without repeated items';
  return `a value that meets the meta-schema's "${keyword}": ${JSON.stringify(wanted)}`;
}

function keywordOf(error: SchemaError): string {
  return segmentsOf(error.keywordLocation).at(-1) ?? '';
}

/** The meta-schema's value at a keyword location, following the `$ref`s the location passes. */
function metaSchemaValueAt(location: string): unknown {
  let current: unknown = JSON_SCHEMA_DRAFT_07;
  for (const segment of segmentsOf(location)) {
    if (segment === '$ref' && isRecord(current) && typeof current.$ref === 'string') {
      current = valueAt(JSON_SCHEMA_DRAFT_07, segmentsOf(current.$ref));
    } else {
      current =
        isRecord(current) || Array.isArray(current) ? Reflect.get(current, segment) : undefined;
    }
  }
  return current;
}
