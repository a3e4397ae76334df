import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';

import {
  GetTaskRequestSchema,
  ListTaskPushNotificationConfigsRequestSchema,
  ListTasksRequestSchema,
} from './operations.js';
import { PartSchema } from './part.js';
import {
  base64,
  int32,
  jsonValue,
  nowTimestamp,
  protoEnum,
  protoMessage,
  requiredString,
  struct,
  timestamp,
} from './proto-json.js';
import { TASK_STATES, TaskStateSchema } from './task-state.js';

const Inner = protoMessage({ taskId: z.string().optional(), metadata: struct.optional() });
const Outer = protoMessage({
  contextId: z.string().optional(),
  historyLength: int32.optional(),
  inner: Inner.optional(),
  items: z.array(Inner).optional(),
  data: jsonValue.optional(),
});

describe('protoMessage', () => {
  it('accepts the proto snake_case names and outputs camelCase', () => {
    expect(Outer.parse({ context_id: 'c', history_length: 3 })).toEqual({
      contextId: 'c',
      historyLength: 3,
    });
  });

  it('aliases nested messages and array items at their own level', () => {
    expect(
      Outer.parse({ inner: { task_id: 't' }, items: [{ task_id: 'a' }, { taskId: 'b' }] }),
    ).toEqual({ inner: { taskId: 't' }, items: [{ taskId: 'a' }, { taskId: 'b' }] });
  });

  it('prefers the camelCase key when both spellings are sent', () => {
    expect(Outer.parse({ contextId: 'camel', context_id: 'snake' })).toEqual({
      contextId: 'camel',
    });
  });

  it('never renames keys inside Struct (metadata) or Value (data)', () => {
    const metadata = { task_id: 'x', context_id: { history_length: 1 } };
    const data = { context_id: 'y', list: [{ task_id: 'z' }] };
    expect(Outer.parse({ inner: { metadata }, data })).toEqual({ inner: { metadata }, data });
  });

  it('drops unknown fields, including snake_case names the message does not have', () => {
    expect(Outer.parse({ contextId: 'c', kind: 'task', some_field: 1 })).toEqual({
      contextId: 'c',
    });
  });

  it('does not mutate the input when renaming', () => {
    const input = { context_id: 'c' };
    Outer.parse(input);
    expect(input).toEqual({ context_id: 'c' });
  });

  it('rejects non-objects like a plain zod object', () => {
    for (const value of [null, [], 'x', 3]) expect(Outer.safeParse(value).success).toBe(false);
  });
});

describe('protoEnum', () => {
  const Color = protoEnum(['COLOR_UNSPECIFIED', 'COLOR_RED', 'COLOR_BLUE'] as const);

  it('accepts names and maps proto numbers to names', () => {
    expect(Color.parse('COLOR_RED')).toBe('COLOR_RED');
    expect(Color.parse(0)).toBe('COLOR_UNSPECIFIED');
    expect(Color.parse(2)).toBe('COLOR_BLUE');
  });

  it.each([3, -1, 1.5, '1', 'color_red', 'RED', null])('rejects %j', (value) => {
    expect(Color.safeParse(value).success).toBe(false);
  });

  it('numbers task states in proto order', () => {
    TASK_STATES.forEach((name, index) => expect(TaskStateSchema.parse(index)).toBe(name));
  });

  // Regression (fixed in e6818c3): protoEnum was cast to ZodEnum although it returns a ZodPipe,
  // so the `options` / `enum` members its type promised were undefined at run time.
  it('promises no ZodEnum members it does not have', () => {
    expectTypeOf(TaskStateSchema).not.toHaveProperty('options');
    expectTypeOf<z.output<typeof TaskStateSchema>>().toEqualTypeOf<(typeof TASK_STATES)[number]>();
    expect('options' in TaskStateSchema).toBe(false);
  });
});

describe('int32', () => {
  it.each([
    [0, 0],
    [42, 42],
    ['42', 42],
    ['-7', -7],
    [2147483647, 2147483647],
    ['-2147483648', -2147483648],
  ])('accepts %j as %j', (input, output) => {
    expect(int32.parse(input)).toBe(output);
  });

  it.each([2147483648, '-2147483649', 1.5, '1.5', '1e3', '', ' 1', 'abc', true, null])(
    'rejects %j',
    (value) => {
      expect(int32.safeParse(value).success).toBe(false);
    },
  );
});

describe('timestamp', () => {
  it.each([
    // Spec §5.6.1 examples.
    '2025-10-28T10:30:00.000Z',
    '2025-10-28T14:25:33.142Z',
    '2025-10-31T17:45:22.891Z',
    // Seconds only (§6.5) and microseconds (§6.8); ProtoJSON allows 0, 3, 6 or 9 digits.
    '2024-03-15T10:15:00Z',
    '2025-04-17T17:47:09.680794Z',
    '2025-04-17T17:47:09.680794123Z',
  ])('accepts %s', (value) => {
    expect(timestamp.parse(value)).toBe(value);
  });

  it('accepts a UTC offset on input, as ProtoJSON parsers do (emitters use Z)', () => {
    expect(timestamp.safeParse('2025-10-28T12:30:00+02:00').success).toBe(true);
  });

  it.each([
    '2025-10-28',
    '2025-10-28T10:30:00',
    '2025-01-01T24:00:00Z',
    '2025-01-01T10:60:00Z',
    '2025-10-28 10:30:00Z',
    '2025-10-28T10:30Z',
    '2025-13-01T00:00:00Z',
    '2025-10-32T00:00:00Z',
    '2025-10-28T25:00:00Z',
    'yesterday',
    '',
  ])('rejects %s', (value) => {
    expect(timestamp.safeParse(value).success).toBe(false);
  });

  // Regression (fixed in e6818c3): Date.parse rolls day 29-31 of any month over, so dates that
  // do not exist used to pass; protobuf's Timestamp JSON parser rejects them.
  it.each(['2025-02-30T10:00:00Z', '2025-02-29T10:00:00Z', '2025-04-31T10:00:00Z'])(
    'rejects the non-existent date %s',
    (value) => {
      expect(timestamp.safeParse(value).success).toBe(false);
    },
  );

  it.each(['2024-02-29T10:00:00Z', '2025-12-31T23:59:59Z', '2000-02-29T00:00:00.000Z'])(
    'accepts the real date %s',
    (value) => {
      expect(timestamp.safeParse(value).success).toBe(true);
    },
  );

  it('reports a malformed timestamp once, with the format in the message', () => {
    const result = timestamp.safeParse('today');
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toContain('ISO 8601');
  });
});

describe('nowTimestamp', () => {
  it('is UTC with millisecond precision and a valid timestamp', () => {
    const now = nowTimestamp();
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(timestamp.safeParse(now).success).toBe(true);
  });

  describe('follows the clock, one string per millisecond', () => {
    afterEach(() => vi.useRealTimers());

    it('changes with every millisecond, across seconds and days', () => {
      vi.useFakeTimers({ now: Date.parse('2026-12-31T23:59:59.998Z') });
      const first = nowTimestamp();
      expect(nowTimestamp()).toBe(first);
      expect(first).toBe('2026-12-31T23:59:59.998Z');
      vi.advanceTimersByTime(1);
      expect(nowTimestamp()).toBe('2026-12-31T23:59:59.999Z');
      vi.advanceTimersByTime(1);
      expect(nowTimestamp()).toBe('2027-01-01T00:00:00.000Z');
      vi.setSystemTime(Date.parse('2026-01-01T00:00:00.000Z'));
      expect(nowTimestamp()).toBe('2026-01-01T00:00:00.000Z');
    });
  });
});

describe('base64', () => {
  it.each(['', 'aGVsbG8=', 'aGVsbA==', 'iVBORw0KGgo', 'a+/b', 'a-_b'])('accepts %j', (value) => {
    expect(base64.safeParse(value).success).toBe(true);
  });

  it.each(['iVBORw0KGgo...', 'a b', 'aGVsbG8===', 'ä', 7])('rejects %j', (value) => {
    expect(base64.safeParse(value).success).toBe(false);
  });
});

describe('struct and jsonValue', () => {
  it('struct takes any JSON object and keeps it as is', () => {
    const value = { a: 1, b_c: [true, null, { d: 'e' }] };
    expect(struct.parse(value)).toEqual(value);
  });

  it.each([null, [], 'x', 1])('struct rejects %j', (value) => {
    expect(struct.safeParse(value).success).toBe(false);
  });

  it('struct drops a top-level "__proto__" key (zod guards against prototype pollution)', () => {
    // JSON.parse makes "__proto__" an own key; the Struct loses it while a Value keeps it.
    const parsed = struct.parse(JSON.parse('{"__proto__": {"x": 1}, "y": 2}'));
    expect(Object.keys(parsed)).toEqual(['y']);
    expect(Object.getPrototypeOf(parsed)).not.toHaveProperty('x');
  });

  it.each([null, 0, 'x', false, [1, 'a'], { a: { b: [null] } }])(
    'jsonValue accepts %j',
    (value) => {
      expect(jsonValue.parse(value)).toEqual(value);
    },
  );
});

describe('requiredString', () => {
  it('rejects the empty string (a REQUIRED string must be set)', () => {
    expect(requiredString.safeParse('').success).toBe(false);
    expect(requiredString.parse('x')).toBe('x');
  });
});

describe('null fields', () => {
  it('treats null as unset, as ProtoJSON does (the @a2a-js/sdk sends null for unset fields)', () => {
    expect(ListTasksRequestSchema.parse({ status: null, page_size: null, contextId: 'c' })).toEqual(
      { contextId: 'c' },
    );
    expect(
      ListTaskPushNotificationConfigsRequestSchema.parse({ taskId: 't', pageSize: null }),
    ).toEqual({ taskId: 't' });
  });

  it('keeps null where the field is a JSON value (Part.data)', () => {
    expect(PartSchema.parse({ data: null, metadata: null })).toEqual({ data: null });
  });

  it('still requires required fields given as null', () => {
    expect(GetTaskRequestSchema.safeParse({ id: null }).success).toBe(false);
  });
});
