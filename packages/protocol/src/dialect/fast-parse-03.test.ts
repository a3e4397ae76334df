import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import { MISS } from '../fast-parse.js';
import { parseProtocol } from '../validation.js';
import * as arb from './arbitraries.js';
import * as arb03 from './arbitraries-03.js';
import { fastParse03 } from './fast-parse-03.js';
import { junk, keyOrder, mutated, sameAsZod as agrees } from './fast-parse-checks.js';
import { Message03Schema } from './v03-message.js';
import { decodeParams03 } from './v03-operations.js';
import { MessageSendParams03Schema, sendParamsFrom03 } from './v03-params.js';
import { Part03Schema } from './v03-parts.js';

type Schema = z.ZodType<unknown, unknown>;

const sameAsZod = (schema: Schema, value: unknown) => agrees(fastParse03, schema, value);

/** Drops `kind` now and then, as the 0.3 spec's own examples and some SDKs do. */
function maybeKindless<T extends object>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(value, arb.bool).map(([item, drop]) => {
    if (!drop) return item;
    const { kind: _kind, ...rest } = item as { kind?: unknown };
    return rest;
  });
}

const part = maybeKindless(arb03.part03);
const message = maybeKindless(
  fc
    .tuple(arb03.message03, fc.array(part, { minLength: 1, maxLength: 3 }))
    .map(([message, parts]) => ({ ...message, parts })),
);
const configuration = fc.record(
  {
    acceptedOutputModes: arb.strings,
    historyLength: fc.integer({ min: 0, max: 2147483647 }),
    blocking: arb.bool,
  },
  { requiredKeys: [], noNullPrototype: true },
);
const params = fc.record({ message, configuration, metadata: arb.jsonObject }, arb.keys('message'));

const CASES: [string, Schema, fc.Arbitrary<unknown>][] = [
  ['Part03', Part03Schema, part],
  ['Message03', Message03Schema, message],
  ['MessageSendParams03', MessageSendParams03Schema, params],
];

/** Values a mutation writes somewhere, with this dialect's near misses. */
const junkValue = junk('text', 'file', 'data', 'message', 'task', 'user', 'ROLE_USER', '2', 2);

describe('0.3 fast parsers', () => {
  for (const [name, schema, valid] of CASES) {
    it(`${name}: canonical values parse as zod parses them`, () => {
      let hits = 0;
      fc.assert(
        fc.property(valid, (value) => {
          sameAsZod(schema, value);
          if (fastParse03(schema, value) !== MISS) hits++;
        }),
        { numRuns: 300 },
      );
      expect(hits).toBe(300);
    });

    it(`${name}: never accept a mutation zod refuses, nor differ from zod`, () => {
      fc.assert(
        fc.property(
          mutated(valid, junkValue, (key, twin) =>
            twin !== key ? twin : key === 'text' ? 'data' : `${key}Extra`,
          ),
          (value) => sameAsZod(schema, value),
        ),
        { numRuns: 1000 },
      );
    });

    it(`${name}: arbitrary input`, () => {
      fc.assert(
        fc.property(fc.anything(), (value) => sameAsZod(schema, value)),
        { numRuns: 300 },
      );
    });
  }

  it('decodeParams03 gives what zod and the converter give', () => {
    fc.assert(
      fc.property(params, (value) => {
        const slow = parseProtocol(MessageSendParams03Schema, value);
        expect(slow.success).toBe(true);
        if (!slow.success) return;
        const expected = sendParamsFrom03(slow.data);
        for (const operation of ['SendMessage', 'SendStreamingMessage'] as const) {
          const decoded = decodeParams03(operation, value);
          expect(decoded).toStrictEqual({ success: true, data: expected });
          expect(keyOrder(decoded)).toEqual(keyOrder({ success: true, data: expected }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves push configs, nulls and string numbers to zod', () => {
    const base = { kind: 'message', messageId: 'm', role: 'user', parts: [{ text: 'x' }] };
    const push = { configuration: { pushNotificationConfig: { url: 'https://example.com/h' } } };
    expect(fastParse03(MessageSendParams03Schema, { message: base, ...push })).toBe(MISS);
    expect(decodeParams03('SendMessage', { message: base, ...push }).success).toBe(true);
    expect(fastParse03(Message03Schema, { ...base, contextId: null })).toBe(MISS);
    const historyLength = { configuration: { historyLength: '3' } };
    expect(fastParse03(MessageSendParams03Schema, { message: base, ...historyLength })).toBe(MISS);
    expect(decodeParams03('SendMessage', { message: base, ...historyLength })).toMatchObject({
      success: true,
      data: { configuration: { historyLength: 3 } },
    });
    expect(fastParse03(Part03Schema, {})).toBe(MISS);
  });
});
