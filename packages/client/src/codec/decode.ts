import { type FieldViolation, parseProtocol } from '@baton/protocol';

import { A2AClientError } from '../errors.js';

function describe(violations: FieldViolation[]): string {
  return violations
    .slice(0, 5)
    .map((v) => (v.field ? `${v.field}: ${v.description}` : v.description))
    .join('; ');
}

/** Parses an agent's answer against a protocol schema, or throws `INVALID_RESPONSE`. */
export function parseAnswer<T>(
  schema: Parameters<typeof parseProtocol<T>>[0],
  value: unknown,
  what: string,
): T {
  const result = parseProtocol(schema, value);
  if (result.success) return result.data;
  throw new A2AClientError(
    'INVALID_RESPONSE',
    `The agent's ${what} is invalid: ${describe(result.violations)}`,
    {
      body: safeStringify(value),
    },
  );
}

/** JSON text of a value for error reports, cut to a readable size. */
export function safeStringify(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
  } catch {
    return String(value);
  }
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills REQUIRED fields that ProtoJSON serializers drop when they hold their default value
 * (`nextPageToken: ""`, `pageSize: 0`, empty lists): the @a2a-js/sdk omits them, the spec wants
 * them present (A2A.md §11.11). Applied before validation so such answers are accepted.
 */
export function withProtoDefaults(operation: string, value: unknown): unknown {
  if (!isObject(value)) return value;
  if (operation === 'ListTasks') {
    return { tasks: [], nextPageToken: '', pageSize: 0, totalSize: 0, ...value };
  }
  if (operation === 'ListTaskPushNotificationConfigs') {
    return { configs: [], nextPageToken: '', ...value };
  }
  return value;
}
