// Property: a canonical 1.0 object survives the wire (JSON.stringify -> JSON.parse -> schema)
// unchanged, and parsing a parsed value changes nothing (the schemas are idempotent).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import {
  AgentCardSchema,
  MessageSchema,
  parseProtocol,
  StreamResponseSchema,
  TaskSchema,
} from '../src/index.js';
import { agentCard, message, streamResponse, task } from './arbitraries.js';

function roundTrips<T>(schema: z.ZodType<T, unknown>, arbitrary: fc.Arbitrary<T>) {
  fc.assert(
    fc.property(arbitrary, (value) => {
      const wire: unknown = JSON.parse(JSON.stringify(value));
      const parsed = parseProtocol(schema, wire);
      expect(parsed).toEqual({ success: true, data: value });
      if (!parsed.success) return;
      expect(parseProtocol(schema, parsed.data)).toEqual(parsed);
    }),
    { numRuns: 200 },
  );
}

// Generous timeout: CI machines run several suites at once.
describe(
  'canonical objects round-trip through JSON and parse idempotently',
  { timeout: 30_000 },
  () => {
    it('Message', () => roundTrips(MessageSchema, message));
    it('Task', () => roundTrips(TaskSchema, task));
    it('StreamResponse', () => roundTrips(StreamResponseSchema, streamResponse));
    it('AgentCard', () => roundTrips(AgentCardSchema, agentCard));
  },
);
