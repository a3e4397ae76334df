import { z } from 'zod';

import { type JsonObject } from '../proto-json.js';

/**
 * Shared pieces of the 0.3 dialect: the lenient 0.3 timestamp, `kind` handling and small helpers
 * the converters use to emit JSON without `undefined` members.
 */

const TIMESTAMP_03_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A 0.3 timestamp: ISO 8601 date and time. Unlike 1.0 the zone may be missing, as in the 0.3
 * spec's own examples and the Python SDK's output (`2025-04-02T16:59:25.331844`).
 */
export const timestamp03 = z
  .string()
  .regex(TIMESTAMP_03_RE, {
    message: 'must be an ISO 8601 date and time such as 2025-10-28T10:30:00Z',
    abort: true,
  })
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a valid date and time');

/** A 0.3 timestamp as a 1.0 one: a zone-less value is read as UTC and gets a `Z`. */
export function timestampFrom03(value: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
}

/** Is this a plain JSON object (not null, not an array)? */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Wraps a 0.3 object schema so a missing `kind` is filled in. The 0.3 schema marks `kind`
 * required, yet the 0.3 spec's own request examples omit it on messages and SDKs default it.
 */
export function withKind<const Kind extends string, Schema extends z.ZodType>(
  kind: Kind,
  schema: Schema,
) {
  return z.preprocess(
    (input) => (isJsonObject(input) && input.kind === undefined ? { ...input, kind } : input),
    schema,
  );
}

/**
 * Guesses the `kind` of a 0.3 polymorphic object that arrived without one, from its members:
 * `artifact` -> artifact-update; `status` with `taskId` -> status-update; `status` -> task;
 * `messageId` or `parts` -> message.
 */
export function inferEventKind(input: JsonObject): string | undefined {
  if (input.artifact !== undefined) return 'artifact-update';
  if (input.status !== undefined) {
    return input.taskId !== undefined && input.id === undefined ? 'status-update' : 'task';
  }
  if (input.messageId !== undefined || input.parts !== undefined) return 'message';
  return undefined;
}

/** A preprocess step that fills a missing `kind` with {@link inferEventKind}. */
export function fillEventKind(input: unknown): unknown {
  if (!isJsonObject(input) || input.kind !== undefined) return input;
  const kind = inferEventKind(input);
  return kind === undefined ? input : { ...input, kind };
}

/** Removes members whose value is `undefined`, so emitted JSON equals its parsed form. */
export function compact<T extends object>(value: T): T {
  // A loop instead of entries → filter → fromEntries: one new object, no arrays (hot on 0.3).
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const member = source[key];
    if (member === undefined) continue;
    // An own `__proto__` key (spread from parsed JSON) stays a key, as fromEntries kept it.
    if (key === '__proto__') Object.defineProperty(out, key, DATA_PROPERTY(member));
    else out[key] = member;
  }
  return out as T;
}

const DATA_PROPERTY = (value: unknown): PropertyDescriptor => ({
  value,
  writable: true,
  enumerable: true,
  configurable: true,
});

/** Maps an optional array; `undefined` stays `undefined`. */
export function mapOptional<T, U>(
  items: readonly T[] | undefined,
  map: (item: T) => U,
): U[] | undefined {
  return items === undefined ? undefined : items.map(map);
}

/** Maps the values of an optional record, dropping entries mapped to `undefined`. */
export function mapRecord<T, U>(
  record: Readonly<Record<string, T>> | undefined,
  map: (value: T) => U | undefined,
): Record<string, U> | undefined {
  if (record === undefined) return undefined;
  // fromEntries defines properties, so a `__proto__` scheme name stays an ordinary key.
  const entries: [string, U][] = [];
  for (const [key, value] of Object.entries(record)) {
    const mapped = map(value);
    if (mapped !== undefined) entries.push([key, mapped]);
  }
  return Object.fromEntries(entries);
}
