import { Type } from '@google/genai';

/** What Gemini's `Schema` can express (https://ai.google.dev/api/caching#Schema). */
export const TYPES: Record<string, Type> = {
  string: Type.STRING,
  number: Type.NUMBER,
  integer: Type.INTEGER,
  boolean: Type.BOOLEAN,
  array: Type.ARRAY,
  object: Type.OBJECT,
  null: Type.NULL,
};

export const ALLOWED_FORMATS: Partial<Record<Type, readonly string[]>> = {
  [Type.STRING]: ['enum', 'date-time'],
  [Type.NUMBER]: ['float', 'double'],
  [Type.INTEGER]: ['int32', 'int64'],
};

/** Keywords consumed while resolving references: never reported. */
export const SILENT = new Set(['$defs', 'definitions']);
const COUNT_KEYWORDS = [
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
] as const;

type CountKeyword = (typeof COUNT_KEYWORDS)[number];

export function isCountKeyword(keyword: string): keyword is CountKeyword {
  return COUNT_KEYWORDS.some((count) => count === keyword);
}
