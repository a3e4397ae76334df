import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { jsonByteLength } from './json-byte-length.js';

/** What a UTF-8 encoder writes for the JSON text: the number `jsonByteLength` must give. */
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value) ?? '').length;

/** `jsonByteLength` gives the encoder's count, or throws what `JSON.stringify` throws. */
function expectSameAsStringify(value: unknown): void {
  let expected: number;
  try {
    expected = utf8(value);
  } catch (error) {
    expect(() => jsonByteLength(value)).toThrow((error as Error).constructor);
    return;
  }
  expect(jsonByteLength(value)).toBe(expected);
}

/** Strings of any UTF-16 units, lone surrogates included, often with JSON's special characters. */
const units = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.constantFrom(0, 8, 9, 10, 12, 13, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0x7ff, 0x800),
      fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x2028, 0xfeff, 0xffff),
    ),
    { maxLength: 24 },
  )
  .map((codes) => String.fromCharCode(...codes));
const texts = fc.oneof(
  fc.string({ unit: 'binary-ascii' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  units,
);

describe('jsonByteLength', () => {
  it('counts UTF-8 bytes of the JSON text', () => {
    expect(jsonByteLength('a')).toBe(3);
    expect(jsonByteLength('é')).toBe(4);
    expect(jsonByteLength('😀')).toBe(6);
    expect(jsonByteLength('\ud83d')).toBe(8);
    expect(jsonByteLength('"\\\n\u0001')).toBe(2 + 2 + 2 + 2 + 6);
    expect(jsonByteLength({ a: '€' })).toBe(new TextEncoder().encode('{"a":"€"}').length);
    expect(jsonByteLength({})).toBe(2);
    expect(jsonByteLength([])).toBe(2);
    expect(jsonByteLength(undefined)).toBe(0);
  });

  it('counts what a UTF-8 encoder writes, for ASCII and any other text', () => {
    fc.assert(fc.property(fc.dictionary(texts, texts), expectSameAsStringify));
  });

  it('matches JSON.stringify on any JSON value with any strings', () => {
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        texts,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(undefined, -0, Infinity, NaN, () => 1, Symbol('s')),
        fc.array(tie('value')),
        fc.dictionary(texts, tie('value')),
      ),
    })).value;
    fc.assert(fc.property(values, expectSameAsStringify), { numRuns: 500 });
  });

  it('matches JSON.stringify on values that are not plain JSON, or throws as it does', () => {
    const anything = fc.anything({
      stringUnit: 'binary',
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withObjectString: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
    });
    fc.assert(fc.property(anything, expectSameAsStringify), { numRuns: 500 });
  });

  it('measures messages and artifacts as A2A sends them', () => {
    const message = {
      messageId: 'm-1',
      role: 'ROLE_USER',
      parts: [
        { text: 'Grüße 👋 \ud800 "quoted"\n', mediaType: 'text/plain' },
        { data: { n: 1.5e-7, list: [1, null, 'x', true], nested: { deep: [[]] } } },
        { url: 'https://example.com/a?b=c', filename: 'a.txt' },
        { raw: 'AAEC', metadata: { skipped: undefined } },
      ],
      metadata: { count: -0, big: 1e21, ratio: 1 / 3 },
    };
    expectSameAsStringify(message);
    expectSameAsStringify(message.parts);
    expectSameAsStringify({ artifactId: 'a', parts: message.parts, extensions: [] });
  });

  it('writes what toJSON, prototypes and holes give, as JSON.stringify does', () => {
    class Point {
      x = 1;
      y = 2;
    }
    const fn = Object.assign(() => 1, { toJSON: () => 'fn' });
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const inherited = Object.create({ inherited: 'ignored' }) as Record<string, string>;
    inherited.own = 'kept';
    const nullProto = Object.assign(Object.create(null) as object, { a: 'é' });
    const cases: unknown[] = [
      { when: new Date(0) },
      { toJSON: () => ({ replaced: true }) },
      { toJSON: 'not a function' },
      [new Point()],
      { fn, plain: () => 1, symbol: Symbol('s'), missing: undefined },
      [fn, () => 1, undefined, Symbol('s')],
      holes,
      inherited,
      nullProto,
      Object.assign([1, 2], { extra: 'ignored' }),
      new String('boxed'),
      { n: new Number(1), b: new Boolean(false) },
    ];
    for (const value of cases) expectSameAsStringify(value);
  });

  it('leaves out enumerable inherited keys as JSON.stringify does', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'x';
    try {
      expectSameAsStringify({ a: 1, nested: { b: [{ c: 'd' }] } });
    } finally {
      delete proto.polluted;
    }
  });

  it('measures very deep values, and throws on cycles and bigints like JSON.stringify', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) deep = i % 2 ? [deep] : { d: deep };
    expectSameAsStringify(deep);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => jsonByteLength(cyclic)).toThrow(TypeError);
    expect(() => jsonByteLength({ n: 1n })).toThrow(TypeError);
  });

  it('passes on what a getter throws', () => {
    const failing = {
      get broken(): string {
        throw new RangeError('no');
      },
    };
    expect(() => jsonByteLength(failing)).toThrow(RangeError);
  });
});
