import { type z } from 'zod';

import { fastParse, MISS } from './fast-parse.js';

/** One invalid field, as a google.rpc.BadRequest field violation. */
export interface FieldViolation {
  /** Path to the field, e.g. `message.parts[0].text`. */
  field: string;
  description: string;
}

/** The outcome of parsing protocol JSON: the value, or every violation found. */
export type ParseResult<T> =
  { success: true; data: T } | { success: false; violations: FieldViolation[] };

/** Formats a zod issue path as a proto field path: `a.b[0].c`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Turns zod issues into field violations, one per issue, with readable descriptions. */
export function toFieldViolations(error: z.ZodError, prefix?: string): FieldViolation[] {
  return error.issues.map((issue) => {
    const path = formatFieldPath(issue.path);
    const field = prefix ? (path ? `${prefix}.${path}` : prefix) : path;
    return { field, description: describeIssue(issue) };
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    // `input` is only reported when parsing with `reportInput`; fall back to zod's message.
    const missing =
      'input' in issue ? issue.input === undefined : issue.message.endsWith('received undefined');
    if (missing) return 'is required';
  }
  return issue.message;
}

/**
 * Parses a value against a protocol schema and reports every offending field with its path.
 * @example
 * const result = parseProtocol(SendMessageRequestSchema, body.params);
 * if (!result.success) throw new InvalidParamsError('invalid params', { fieldViolations: result.violations });
 */
export function parseProtocol<T>(
  schema: z.ZodType<T, unknown>,
  value: unknown,
  prefix?: string,
): ParseResult<T> {
  // Plain canonical input of the hot schemas skips zod; the result is the one zod would give.
  const fast = fastParse(schema, value);
  if (fast !== MISS) return { success: true, data: fast as T };
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  return { success: false, violations: toFieldViolations(result.error, prefix) };
}
