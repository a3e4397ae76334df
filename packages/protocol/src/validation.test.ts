import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { MessageSchema } from './message.js';
import { formatFieldPath, parseProtocol, toFieldViolations } from './validation.js';

describe('formatFieldPath', () => {
  it.each([
    [[], ''],
    [['message'], 'message'],
    [['message', 'parts', 0, 'text'], 'message.parts[0].text'],
    [['tasks', 2], 'tasks[2]'],
    [[0, 'a'], '[0].a'],
    [['securitySchemes', 'my.scheme'], 'securitySchemes.my.scheme'],
  ] as [PropertyKey[], string][])('%j -> %j', (path, field) => {
    expect(formatFieldPath(path)).toBe(field);
  });
});

describe('parseProtocol', () => {
  const Schema = z.object({ id: z.string(), count: z.number().int().min(1) });

  it('returns the parsed data on success', () => {
    expect(parseProtocol(Schema, { id: 'a', count: 2, extra: 1 })).toEqual({
      success: true,
      data: { id: 'a', count: 2 },
    });
  });

  it('reports every violation with its path and a prefix', () => {
    expect(parseProtocol(Schema, { count: 0 }, 'params')).toEqual({
      success: false,
      violations: [
        { field: 'params.id', description: 'is required' },
        { field: 'params.count', description: 'Too small: expected number to be >=1' },
      ],
    });
  });

  it('uses the prefix alone for an issue at the root', () => {
    expect(toFieldViolations(Schema.safeParse(undefined).error!, 'params')).toEqual([
      { field: 'params', description: 'is required' },
    ]);
  });

  it('tells null from a missing value', () => {
    const result = parseProtocol(Schema, { id: null, count: 1 });
    expect(result.success ? '' : result.violations[0]!.description).not.toBe('is required');
  });

  // Regression (fixed in e6818c3): zod 4 only puts `input` on issues with `reportInput`, so every
  // invalid_type issue (a wrong type, a non-integer int32) used to read "is required".
  it.each([
    [{ messageId: 7, role: 'ROLE_USER', parts: [{ text: 'a' }] }, 'messageId'],
    [
      { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'a', filename: 3 }] },
      'parts[0].filename',
    ],
  ])('describes a value of the wrong type as such, not as missing (%#)', (message, field) => {
    const result = parseProtocol(MessageSchema, message);
    expect(result.success ? [] : result.violations.map((v) => v.field)).toEqual([field]);
    expect(result.success ? '' : result.violations[0]!.description).not.toBe('is required');
  });

  it('still describes an absent REQUIRED field as "is required"', () => {
    expect(parseProtocol(MessageSchema, { role: 'ROLE_USER', parts: [{ text: 'a' }] })).toEqual({
      success: false,
      violations: [{ field: 'messageId', description: 'is required' }],
    });
  });
});
