import { type Schema, Type } from '@google/genai';
import { InvalidRequestError, type JSONSchema } from '@stratum/core';
import { isRecord } from '@stratum/core/provider-kit';
import { ALLOWED_FORMATS, isCountKeyword, SILENT, TYPES } from './gemini-schema-keywords.js';

/**
 * Converts a JSON Schema to the OpenAPI 3.0 subset Gemini's `Schema` accepts, for function
 * declarations (`parameters`) and structured output (`responseSchema`):
 * https://ai.google.dev/api/caching#Schema and
 * https://ai.google.dev/gemini-api/docs/structured-output#json-schemas.
 *
 * - Local `$ref`s (`#/$defs/…`, `#/definitions/…`, any `#/…` pointer) are inlined; recursive
 *   and external references are refused, because Gemini's `Schema` has no references.
 * - `type: [T, 'null']` and `anyOf` with a `null` member become `nullable: true`.
 * - `oneOf` becomes `anyOf`; `allOf` is merged into one schema; `const` becomes a one-value enum.
 * - Enum values become strings (Gemini's `enum` is a list of strings).
 * - `format` is kept only where Gemini accepts it: `enum` and `date-time` on strings,
 *   `float`/`double` on numbers, `int32`/`int64` on integers.
 * - Every other keyword (`additionalProperties`, `$schema`, `not`, `exclusiveMinimum`,
 *   `multipleOf`, `patternProperties`, `uniqueItems`, tuple `items`, …) is dropped; `notes`
 *   names each one with its JSON pointer so the caller can report it as a warning.
 */
export interface GeminiSchemaConversion {
  /** `undefined` for an object schema without properties (Gemini wants none sent). */
  schema: Schema | undefined;
  /** What was dropped or changed, e.g. `additionalProperties dropped at /properties/tags`. */
  notes: string[];
}

const cache = new WeakMap<object, GeminiSchemaConversion>();

/**
 * `where` names the schema in error messages (`tool "get_weather"`). Results are cached per
 * schema object, so a tool list reused across calls is converted once.
 */
export function convertToGeminiSchema(schema: JSONSchema, where: string): GeminiSchemaConversion {
  const cached = cache.get(schema);
  if (cached) return cached;
  const converter = new SchemaConverter(schema, where);
  const converted = converter.convert(schema, '');
  const empty =
    converted.type === Type.OBJECT &&
    converted.properties === undefined &&
    converted.anyOf === undefined;
  const result = { schema: empty ? undefined : converted, notes: converter.notes };
  cache.set(schema, result);
  return result;
}

class SchemaConverter {
  readonly notes: string[] = [];
  readonly #root: JSONSchema;
  readonly #where: string;
  readonly #resolving = new Set<string>();

  constructor(root: JSONSchema, where: string) {
    this.#root = root;
    this.#where = where;
  }

  convert(node: unknown, path: string): Schema {
    if (node === true || (isRecord(node) && Object.keys(node).length === 0)) return {};
    if (!isRecord(node)) {
      throw new InvalidRequestError(
        `The JSON Schema of ${this.#where} has ${JSON.stringify(node)} at ${path || '/'}, where a schema object belongs. Fix the schema.`,
      );
    }
    const reference = node['$ref'];
    if (typeof reference === 'string') return this.#convertReference(node, reference, path);

    const result: Schema = {};
    for (const [keyword, value] of Object.entries(node)) {
      this.#convertKeyword(result, keyword, value, path);
    }
    this.#checkFormat(result, path);
    if (result.type !== undefined && result.anyOf !== undefined) {
      // Gemini refuses a schema with both; the alternatives carry the types.
      delete result.type;
    }
    if (result.properties && Object.keys(result.properties).length === 0) delete result.properties;
    return result;
  }

  #convertKeyword(result: Schema, keyword: string, value: unknown, path: string): void {
    switch (keyword) {
      case 'type':
        this.#convertType(result, value, path);
        return;
      case 'description':
        if (typeof value === 'string') result.description = value;
        return;
      case 'title':
        if (typeof value === 'string') result.title = value;
        return;
      case 'pattern':
        if (typeof value === 'string') result.pattern = value;
        return;
      case 'nullable':
        if (typeof value === 'boolean') result.nullable = value || result.nullable;
        return;
      case 'minimum':
        if (typeof value === 'number') result.minimum = value;
        return;
      case 'maximum':
        if (typeof value === 'number') result.maximum = value;
        return;
      case 'default':
        result.default = value;
        return;
      case 'example':
        result.example = value;
        return;
      case 'examples':
        if (Array.isArray(value) && value.length > 0) result.example = value[0];
        return;
      case 'propertyOrdering':
        if (Array.isArray(value)) result.propertyOrdering = value.map(String);
        return;
      case 'format':
        if (typeof value === 'string') result.format = value;
        return;
      case 'enum':
        if (Array.isArray(value)) this.#convertEnum(result, value, path);
        return;
      case 'const':
        this.#convertEnum(result, [value], path);
        return;
      case 'required':
        if (Array.isArray(value))
          result.required = value.filter((name) => typeof name === 'string');
        return;
      case 'properties':
        if (isRecord(value)) {
          result.properties = {};
          for (const [name, property] of Object.entries(value)) {
            result.properties[name] = this.convert(property, `${path}/properties/${name}`);
          }
        }
        return;
      case 'items':
        if (Array.isArray(value)) this.#note(`tuple items dropped at ${path || '/'}`);
        else result.items = this.convert(value, `${path}/items`);
        return;
      case 'anyOf':
      case 'oneOf':
        if (keyword === 'oneOf') this.#note(`oneOf sent as anyOf at ${path || '/'}`);
        if (Array.isArray(value)) this.#convertAlternatives(result, value, `${path}/${keyword}`);
        return;
      case 'allOf':
        if (Array.isArray(value)) this.#mergeAll(result, value, `${path}/allOf`);
        return;
    }
    if (isCountKeyword(keyword) && typeof value === 'number') {
      // Gemini's Schema carries these int64 counts as strings.
      result[keyword] = String(value);
      return;
    }
    if (!SILENT.has(keyword)) this.#note(`${keyword} dropped at ${path || '/'}`);
  }

  #convertType(result: Schema, value: unknown, path: string): void {
    const names = (Array.isArray(value) ? value : [value]).filter(
      (name): name is string => typeof name === 'string',
    );
    const nonNull = names.filter((name) => name !== 'null');
    if (nonNull.length < names.length && nonNull.length > 0) result.nullable = true;
    const types = (nonNull.length > 0 ? nonNull : names).map((name) => {
      const type = TYPES[name];
      if (!type) {
        throw new InvalidRequestError(
          `The JSON Schema of ${this.#where} has the unknown type "${name}" at ${path || '/'}. Use string, number, integer, boolean, array, object or null.`,
        );
      }
      return type;
    });
    if (types.length === 1) result.type = types[0];
    else if (types.length > 1) result.anyOf = types.map((type) => ({ type }));
  }

  #convertAlternatives(result: Schema, variants: unknown[], path: string): void {
    const nonNull = variants.filter(
      (variant) => !(isRecord(variant) && variant['type'] === 'null'),
    );
    if (nonNull.length < variants.length) result.nullable = true;
    const converted = nonNull.map((variant, index) => this.convert(variant, `${path}/${index}`));
    if (converted.length === 1 && converted[0]) Object.assign(result, converted[0]);
    else if (converted.length > 1) result.anyOf = converted;
  }

  #mergeAll(result: Schema, variants: unknown[], path: string): void {
    if (variants.length > 1) this.#note(`allOf merged into one schema at ${path}`);
    variants.forEach((variant, index) => {
      const converted = this.convert(variant, `${path}/${index}`);
      const { properties, required, ...rest } = converted;
      for (const [key, value] of Object.entries(rest)) {
        if (value !== undefined && !Object.hasOwn(result, key)) {
          Object.assign(result, { [key]: value });
        }
      }
      if (properties) result.properties = { ...result.properties, ...properties };
      if (required) result.required = [...new Set([...(result.required ?? []), ...required])];
    });
  }

  #convertReference(node: Record<string, unknown>, reference: string, path: string): Schema {
    if (!reference.startsWith('#')) {
      throw new InvalidRequestError(
        `The JSON Schema of ${this.#where} refers to "${reference}" at ${path || '/'}; Gemini schemas cannot load external references. Inline the referenced schema.`,
      );
    }
    if (this.#resolving.has(reference)) {
      throw new InvalidRequestError(
        `The JSON Schema of ${this.#where} is recursive ("${reference}" refers back to itself at ${path || '/'}); Gemini schemas have no references, so recursion cannot be expressed. Limit the depth and inline it.`,
      );
    }
    const target = this.#resolvePointer(reference, path);
    this.#resolving.add(reference);
    try {
      const resolved = this.convert(target, path);
      // Keywords beside a $ref (2019-09 and later) refine the referenced schema.
      const { $ref: _reference, ...siblings } = node;
      for (const [keyword, value] of Object.entries(siblings)) {
        this.#convertKeyword(resolved, keyword, value, path);
      }
      return resolved;
    } finally {
      this.#resolving.delete(reference);
    }
  }

  #resolvePointer(reference: string, path: string): unknown {
    const tokens = reference
      .slice(1)
      .split('/')
      .filter((token) => token !== '')
      .map((token) => decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~'));
    let target: unknown = this.#root;
    for (const token of tokens) {
      target = isRecord(target) ? target[token] : undefined;
      if (target === undefined) {
        throw new InvalidRequestError(
          `The JSON Schema of ${this.#where} refers to "${reference}" at ${path || '/'}, which does not exist in the schema. Fix the reference or add the definition.`,
        );
      }
    }
    return target;
  }

  /** `null` in an enum becomes `nullable`; other non-strings are sent as their JSON text. */
  #convertEnum(result: Schema, values: unknown[], path: string): void {
    if (values.includes(null)) result.nullable = true;
    const present = values.filter((value) => value !== null);
    if (present.some((value) => typeof value !== 'string')) {
      this.#note(`non-string enum values sent as strings at ${path || '/'}`);
    }
    result.enum = present.map((value) =>
      typeof value === 'string' ? value : JSON.stringify(value),
    );
  }

  #checkFormat(result: Schema, path: string): void {
    if (
      result.enum !== undefined &&
      (result.type === Type.INTEGER || result.type === Type.NUMBER)
    ) {
      // Gemini marks a numeric enum with format "enum" and the values as strings.
      result.format = 'enum';
      return;
    }
    if (result.format === undefined) return;
    const allowed = result.type === undefined ? undefined : ALLOWED_FORMATS[result.type];
    if (!allowed?.includes(result.format)) {
      this.#note(`format "${result.format}" dropped at ${path || '/'}`);
      delete result.format;
    }
  }

  #note(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }
}
