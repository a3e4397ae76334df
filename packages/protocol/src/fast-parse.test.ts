import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import * as arb from './dialect/arbitraries.js';
import { junk, mutated, sameAsZod as agrees } from './dialect/fast-parse-checks.js';
import { fastParse, MISS } from './fast-parse.js';
import { ArtifactSchema, MessageSchema } from './message.js';
import { SendMessageConfigurationSchema, SendMessageRequestSchema } from './operations.js';
import { PartSchema } from './part.js';
import { isTimestamp } from './proto-json.js';
import {
  StreamResponseSchema,
  TaskArtifactUpdateEventSchema,
  TaskStatusUpdateEventSchema,
} from './stream-response.js';
import { TaskStatusSchema } from './task.js';
import { parseProtocol } from './validation.js';

type Schema = z.ZodType<unknown, unknown>;

const sameAsZod = (schema: Schema, value: unknown) => agrees(fastParse, schema, value);

const config = fc.record(
  {
    acceptedOutputModes: arb.strings,
    historyLength: fc.integer({ min: 0, max: 2147483647 }),
    returnImmediately: arb.bool,
  },
  { requiredKeys: [], noNullPrototype: true },
);
const sendMessageRequest = fc.record(
  { tenant: arb.text, message: arb.message, configuration: config, metadata: arb.jsonObject },
  arb.keys('message'),
);
const statusUpdate = fc.record(
  { taskId: arb.nonEmpty, contextId: arb.text, status: arb.taskStatus, metadata: arb.jsonObject },
  arb.keys('taskId', 'contextId', 'status'),
);
const artifactUpdate = fc.record(
  {
    taskId: arb.nonEmpty,
    contextId: arb.text,
    artifact: arb.artifact,
    append: arb.bool,
    lastChunk: arb.bool,
    metadata: arb.jsonObject,
  },
  arb.keys('taskId', 'contextId', 'artifact'),
);

const CASES: [string, Schema, fc.Arbitrary<unknown>][] = [
  ['Part', PartSchema, arb.part],
  ['Message', MessageSchema, arb.message],
  ['Artifact', ArtifactSchema, arb.artifact],
  ['TaskStatus', TaskStatusSchema, arb.taskStatus],
  ['TaskStatusUpdateEvent', TaskStatusUpdateEventSchema, statusUpdate],
  ['TaskArtifactUpdateEvent', TaskArtifactUpdateEventSchema, artifactUpdate],
  ['StreamResponse', StreamResponseSchema, arb.streamResponse],
  ['SendMessageConfiguration', SendMessageConfigurationSchema, config],
  ['SendMessageRequest', SendMessageRequestSchema, sendMessageRequest],
];

/** Values a mutation writes somewhere, with this dialect's near misses. */
const junkValue = junk(
  'TASK_STATE_WORKING',
  'ROLE_UNSPECIFIED',
  'ROLE_USER',
  2,
  '2026-02-30T00:00:00Z',
);

describe('fast parsers', () => {
  for (const [name, schema, valid] of CASES) {
    it(`${name}: canonical values parse as zod parses them`, () => {
      let hits = 0;
      fc.assert(
        fc.property(valid, (value) => {
          sameAsZod(schema, value);
          if (fastParse(schema, value) !== MISS) hits++;
        }),
        { numRuns: 300 },
      );
      // Task snapshots in StreamResponse, and `data: null` parts, always go through zod.
      expect(hits).toBeGreaterThan(name === 'StreamResponse' ? 150 : 240);
    });

    it(`${name}: never accept a mutation zod refuses, nor differ from zod`, () => {
      fc.assert(
        fc.property(mutated(valid, junkValue), (value) => sameAsZod(schema, value)),
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

  it('keeps explicit undefined optional keys as zod does', () => {
    const value = {
      messageId: 'm',
      role: 'ROLE_USER',
      contextId: undefined,
      parts: [{ text: 'x' }],
    };
    sameAsZod(MessageSchema, value);
    expect(fastParse(MessageSchema, value)).not.toBe(MISS);
    expect(Object.keys(parseProtocol(MessageSchema, value))).toEqual(['success', 'data']);
  });

  it('leaves snake_case, nulls, numeric enums and push configs to zod', () => {
    const message = { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'x' }] };
    expect(fastParse(MessageSchema, { ...message, context_id: 'c' })).toBe(MISS);
    expect(fastParse(MessageSchema, { ...message, contextId: null })).toBe(MISS);
    expect(fastParse(MessageSchema, { ...message, role: 1 })).toBe(MISS);
    const push = { url: 'https://example.com/hook' };
    const params = { message, configuration: { taskPushNotificationConfig: push } };
    expect(fastParse(SendMessageRequestSchema, params)).toBe(MISS);
    expect(parseProtocol(SendMessageRequestSchema, params).success).toBe(true);
  });

  it('returns new containers and shares JSON values, like zod', () => {
    const data = { nested: { n: 1 } };
    const metadata = { k: { v: 1 } };
    const message = { messageId: 'm', role: 'ROLE_USER', parts: [{ data }], metadata };
    const out = fastParse(MessageSchema, message) as typeof message;
    expect(out).not.toBe(message);
    expect(out.parts).not.toBe(message.parts);
    expect(out.parts[0]!.data).toBe(data);
    expect(out.metadata).not.toBe(metadata);
    expect(out.metadata.k).toBe(metadata.k);
  });
});

describe('isTimestamp', () => {
  /** The Date-based check the schema used before, kept here as the reference. */
  function reference(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
      return false;
    }
    const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((at) =>
      Number(value.slice(at, at + (at === 0 ? 4 : 2))),
    ) as [number, number, number, number, number, number];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 60 &&
      !Number.isNaN(Date.parse(value))
    );
  }

  it('agrees with the Date-based check on any date and time, years 0000–9999', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('Z', '+02:00', '.123Z', '.5-11:30'),
        (year, month, day, hour, second, zone) => {
          const value = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(second)}:${pad(second)}${zone}`;
          expect(isTimestamp(value)).toBe(reference(value));
        },
      ),
      { numRuns: 3000 },
    );
    for (const value of ['0000-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z']) {
      expect(isTimestamp(value)).toBe(reference(value));
    }
  });
});
