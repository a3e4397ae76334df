import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import { AgentCardSchema } from '../agent-card.js';
import { ArtifactSchema, MessageSchema } from '../message.js';
import { PartSchema } from '../part.js';
import { TaskPushNotificationConfigSchema } from '../push-config.js';
import { StreamResponseSchema } from '../stream-response.js';
import { TaskSchema } from '../task.js';
import * as arb from './arbitraries.js';
import * as arb03 from './arbitraries-03.js';
import { AgentCard03Schema, cardFrom03, cardTo03 } from './v03-card.js';
import { decodeStreamEvent03, encodeStreamEvent03, StreamEvent03Schema } from './v03-events.js';
import {
  Artifact03Schema,
  artifactFrom03,
  artifactTo03,
  Message03Schema,
  messageFrom03,
  messageTo03,
} from './v03-message.js';
import { Part03Schema, partFrom03, partTo03 } from './v03-parts.js';
import {
  pushConfigFrom03,
  pushConfigTo03,
  PushNotificationConfig03Schema,
  taskPushConfigFrom03,
  taskPushConfigTo03,
  TaskPushNotificationConfig03Schema,
} from './v03-push.js';
import { Task03Schema, taskFrom03, taskTo03 } from './v03-task.js';

/** The value as it comes out of JSON.parse on the other side of the wire. */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Asserts that `value` is valid for `schema` and that parsing it changes nothing. */
function expectValid(schema: z.ZodType, value: unknown): void {
  const parsed = schema.safeParse(value);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toStrictEqual(value);
}

interface Pair<Canonical, Wire> {
  name: string;
  canonical: fc.Arbitrary<Canonical>;
  wire03: fc.Arbitrary<Wire>;
  to03: (value: Canonical) => Wire;
  from03: (value: Wire) => Canonical;
  schema: z.ZodType;
  schema03: z.ZodType;
}

function pair<Canonical, Wire>(value: Pair<Canonical, Wire>): Pair<unknown, unknown> {
  return value as Pair<unknown, unknown>;
}

const PAIRS = [
  pair({
    name: 'Part',
    canonical: arb.part,
    wire03: arb03.part03,
    to03: partTo03,
    from03: partFrom03,
    schema: PartSchema,
    schema03: Part03Schema,
  }),
  pair({
    name: 'Message',
    canonical: arb.message,
    wire03: arb03.message03,
    to03: messageTo03,
    from03: messageFrom03,
    schema: MessageSchema,
    schema03: Message03Schema,
  }),
  pair({
    name: 'Artifact',
    canonical: arb.artifact,
    wire03: arb03.artifact03,
    to03: artifactTo03,
    from03: artifactFrom03,
    schema: ArtifactSchema,
    schema03: Artifact03Schema,
  }),
  pair({
    name: 'Task',
    canonical: arb.task,
    wire03: arb03.task03,
    to03: taskTo03,
    from03: taskFrom03,
    schema: TaskSchema,
    schema03: Task03Schema,
  }),
  pair({
    name: 'PushNotificationConfig',
    canonical: arb.inlinePushConfig,
    wire03: arb03.pushConfig03,
    to03: pushConfigTo03,
    from03: (config) => pushConfigFrom03(config),
    schema: TaskPushNotificationConfigSchema,
    schema03: PushNotificationConfig03Schema,
  }),
  pair({
    name: 'TaskPushNotificationConfig',
    canonical: arb.pushConfig,
    wire03: arb03.taskPushConfig03,
    to03: taskPushConfigTo03,
    from03: taskPushConfigFrom03,
    schema: TaskPushNotificationConfigSchema,
    schema03: TaskPushNotificationConfig03Schema,
  }),
  pair({
    name: 'AgentCard',
    canonical: arb.card,
    wire03: arb03.card03,
    to03: cardTo03,
    from03: cardFrom03,
    schema: AgentCardSchema,
    schema03: AgentCard03Schema,
  }),
];

describe.each(PAIRS)(
  '$name round trips',
  ({ canonical, wire03, to03, from03, schema, schema03 }) => {
    it('1.0 -> 0.3 -> 1.0 is lossless and the 0.3 form is schema-valid', () => {
      fc.assert(
        fc.property(canonical, (value) => {
          expectValid(schema, value);
          const converted = to03(value);
          expectValid(schema03, wire(converted));
          expect(from03(wire(converted))).toStrictEqual(value);
        }),
      );
    });

    it('0.3 -> 1.0 -> 0.3 is lossless and the 1.0 form is schema-valid', () => {
      fc.assert(
        fc.property(wire03, (value) => {
          expectValid(schema03, value);
          const converted = from03(value);
          expectValid(schema, wire(converted));
          expect(to03(wire(converted))).toStrictEqual(value);
        }),
      );
    });
  },
);

describe('stream event round trips', () => {
  it('1.0 -> 0.3 -> 1.0 keeps the event and the caller-given final flag', () => {
    fc.assert(
      fc.property(arb.streamResponse, fc.boolean(), (event, final) => {
        const event03 = wire(encodeStreamEvent03(event, final));
        expectValid(StreamEvent03Schema, event03);
        const decoded = decodeStreamEvent03(event03);
        expect(decoded.success && decoded.data.event).toStrictEqual(event);
        if (event.statusUpdate !== undefined) {
          expect(decoded.success && decoded.data.final).toBe(final);
        }
        expectValid(StreamResponseSchema, event);
      }),
    );
  });

  it('0.3 -> 1.0 -> 0.3 is lossless', () => {
    fc.assert(
      fc.property(arb03.streamEvent03, (event03) => {
        const decoded = decodeStreamEvent03(event03);
        expect(decoded.success).toBe(true);
        if (!decoded.success) return;
        expectValid(StreamResponseSchema, wire(decoded.data.event));
        expect(encodeStreamEvent03(decoded.data.event, decoded.data.final)).toStrictEqual(event03);
      }),
    );
  });
});
