import { InvalidRequestError } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import { convertToGeminiSchema } from '../src/index.js';

describe('convertToGeminiSchema', () => {
  it('turns nullable unions into nullable, and several types into anyOf', () => {
    const { schema, notes } = convertToGeminiSchema(
      {
        type: 'object',
        properties: {
          a: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          b: { type: ['integer', 'string'] },
          c: { oneOf: [{ type: 'number' }, { type: 'boolean' }] },
        },
      },
      'test',
    );
    expect(schema).toEqual({
      type: 'OBJECT',
      properties: {
        a: { type: 'STRING', nullable: true },
        b: { anyOf: [{ type: 'INTEGER' }, { type: 'STRING' }] },
        c: { anyOf: [{ type: 'NUMBER' }, { type: 'BOOLEAN' }] },
      },
    });
    expect(notes).toEqual(['oneOf sent as anyOf at /properties/c']);
  });

  it('merges allOf, keeps counts as strings and examples as example', () => {
    const { schema, notes } = convertToGeminiSchema(
      {
        allOf: [
          { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          {
            properties: { tags: { type: 'array', maxItems: 3, examples: [['x']] } },
            required: ['tags'],
          },
        ],
      },
      'test',
    );
    expect(schema).toEqual({
      type: 'OBJECT',
      properties: {
        id: { type: 'STRING' },
        tags: { type: 'ARRAY', maxItems: '3', example: ['x'] },
      },
      required: ['id', 'tags'],
    });
    expect(notes).toEqual(['allOf merged into one schema at /allOf']);
  });

  it('turns const into a one-value enum and keeps allowed formats only', () => {
    const { schema, notes } = convertToGeminiSchema(
      {
        type: 'object',
        properties: {
          kind: { type: 'string', const: 'point' },
          at: { type: 'string', format: 'date-time' },
          site: { type: 'string', format: 'uri' },
          ratio: { type: 'number', format: 'double', multipleOf: 0.5 },
        },
      },
      'test',
    );
    expect(schema?.properties).toEqual({
      kind: { type: 'STRING', enum: ['point'] },
      at: { type: 'STRING', format: 'date-time' },
      site: { type: 'STRING' },
      ratio: { type: 'NUMBER', format: 'double' },
    });
    expect(notes).toEqual([
      'format "uri" dropped at /properties/site',
      'multipleOf dropped at /properties/ratio',
    ]);
  });

  it('applies keywords written beside a $ref', () => {
    const { schema } = convertToGeminiSchema(
      {
        type: 'object',
        properties: { home: { $ref: '#/$defs/place', description: 'Where you live' } },
        $defs: { place: { type: 'string', description: 'A place' } },
      },
      'test',
    );
    expect(schema?.properties?.['home']).toEqual({ type: 'STRING', description: 'Where you live' });
  });

  it('refuses external and dangling references', () => {
    expect(() =>
      convertToGeminiSchema({ $ref: 'https://example.com/schema.json' }, 'tool "remote"'),
    ).toThrow(/external references/);
    expect(() =>
      convertToGeminiSchema(
        { type: 'object', properties: { x: { $ref: '#/$defs/missing' } } },
        'tool "x"',
      ),
    ).toThrow(InvalidRequestError);
  });

  it('refuses an unknown type with the place it was found', () => {
    expect(() =>
      convertToGeminiSchema({ type: 'object', properties: { x: { type: 'date' } } }, 'tool "when"'),
    ).toThrow('The JSON Schema of tool "when" has the unknown type "date" at /properties/x');
  });

  it('drops empty object schemas entirely and reuses conversions of the same schema', () => {
    const empty = { type: 'object', properties: {}, additionalProperties: false };
    const first = convertToGeminiSchema(empty, 'tool "now"');
    expect(first).toEqual({ schema: undefined, notes: ['additionalProperties dropped at /'] });
    expect(convertToGeminiSchema(empty, 'tool "now"')).toBe(first);
  });
});
