import { describe, expect, it } from 'vitest';

import { fastParse03 } from './dialect/fast-parse-03.js';
import { Message03Schema } from './dialect/v03-message.js';
import { fastParse, MISS } from './fast-parse.js';
import { MessageSchema } from './message.js';
import { MAX_JSON_DEPTH, nestsWithin } from './proto-json.js';
import { parseProtocol } from './validation.js';

/** `levels` objects (or arrays) nested in one another around a number. */
function nested(levels: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

describe('nestsWithin', () => {
  it('counts objects and arrays, the value itself first', () => {
    expect(nestsWithin('text', 0)).toBe(true);
    expect(nestsWithin(null, 0)).toBe(true);
    expect(nestsWithin({}, 0)).toBe(false);
    expect(nestsWithin({}, 1)).toBe(true);
    expect(nestsWithin({ a: [1, { b: 2 }] }, 2)).toBe(false);
    expect(nestsWithin({ a: [1, { b: 2 }] }, 3)).toBe(true);
  });

  it('stops at the limit, however deep the value goes', () => {
    // Deeper than any recursion over the whole value could go on the default stack.
    let value: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) value = [value];
    expect(nestsWithin(value)).toBe(false);
  });
});

describe('Struct and Value nesting', () => {
  const message = (metadata: unknown, data?: unknown) => ({
    messageId: 'm',
    role: 'ROLE_USER',
    parts: [data === undefined ? { text: 'x' } : { data }],
    metadata,
  });

  it.each(['object', 'array'] as const)('accepts %s values nested to the limit', (kind) => {
    // The metadata Struct is the first level.
    const value = message({ deep: nested(MAX_JSON_DEPTH - 1, kind) }, nested(MAX_JSON_DEPTH, kind));
    expect(fastParse(MessageSchema, value)).not.toBe(MISS);
    expect(parseProtocol(MessageSchema, value).success).toBe(true);
  });

  it.each(['object', 'array'] as const)(
    'refuses %s values nested deeper, naming the field',
    (kind) => {
      const deepMetadata = message({ deep: nested(MAX_JSON_DEPTH, kind) });
      expect(fastParse(MessageSchema, deepMetadata)).toBe(MISS);
      expect(parseProtocol(MessageSchema, deepMetadata, 'message')).toEqual({
        success: false,
        violations: [
          {
            field: 'message.metadata',
            description: `must not nest more than ${MAX_JSON_DEPTH} levels of objects and arrays`,
          },
        ],
      });
      const deepData = message(undefined, nested(MAX_JSON_DEPTH + 1, kind));
      expect(fastParse(MessageSchema, deepData)).toBe(MISS);
      const result = parseProtocol(MessageSchema, deepData);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result)).toContain('parts[0].data');
    },
  );

  it('refuses 0.3 metadata and data parts nested deeper', () => {
    const message03 = (metadata: unknown, data: unknown) => ({
      kind: 'message',
      messageId: 'm',
      role: 'user',
      parts: [{ kind: 'data', data }],
      metadata,
    });
    const fine = message03({ a: nested(MAX_JSON_DEPTH - 1, 'array') }, { a: 1 });
    expect(parseProtocol(Message03Schema, fine).success).toBe(true);
    for (const deep of [
      message03({ a: nested(MAX_JSON_DEPTH, 'array') }, { a: 1 }),
      message03({}, { a: nested(MAX_JSON_DEPTH, 'object') }),
    ]) {
      expect(fastParse03(Message03Schema, deep)).toBe(MISS);
      expect(parseProtocol(Message03Schema, deep).success).toBe(false);
    }
  });
});
