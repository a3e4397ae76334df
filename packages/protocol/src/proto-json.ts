import { z } from 'zod';

/**
 * ProtoJSON building blocks: camelCase objects that also accept the proto snake_case field names
 * on input, enums by name or number, int32 values, timestamps and free-form JSON values.
 */

const SNAKE_CACHE = new Map<string, string>();

function snakeCase(key: string): string {
  let snake = SNAKE_CACHE.get(key);
  if (snake === undefined) {
    snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    SNAKE_CACHE.set(key, snake);
  }
  return snake;
}

/**
 * Normalizes one object level of ProtoJSON input: proto snake_case keys become their camelCase
 * field names, and `null` means "unset" (ProtoJSON), except for google.protobuf.Value fields where
 * `null` is a value. Struct and Value contents (metadata, data) stay untouched.
 */
function normalizeMessageKeys(
  aliases: ReadonlyMap<string, string>,
  valueKeys: ReadonlySet<string>,
) {
  return (input: unknown): unknown => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    let copy: Record<string, unknown> | undefined;
    for (const key in input) {
      const value = (input as Record<string, unknown>)[key];
      const camel = key.includes('_') ? aliases.get(key) : undefined;
      const dropNull = value === null && !valueKeys.has(camel ?? key);
      if (camel === undefined && !dropNull) continue;
      copy ??= { ...(input as Record<string, unknown>) };
      delete copy[key];
      if (!dropNull && copy[camel!] === undefined) copy[camel!] = value;
    }
    return copy ?? input;
  };
}

function isValueField(schema: z.ZodType): boolean {
  return schema === jsonValue || (schema instanceof z.ZodOptional && schema.unwrap() === jsonValue);
}

/**
 * A proto message as a zod object: camelCase output, snake_case accepted, `null` fields treated
 * as unset, unknown keys dropped.
 */
export function protoMessage<Shape extends z.ZodRawShape>(shape: Shape) {
  const aliases = new Map<string, string>();
  const valueKeys = new Set<string>();
  for (const [key, schema] of Object.entries(shape)) {
    const snake = snakeCase(key);
    if (snake !== key) aliases.set(snake, key);
    if (isValueField(schema as z.ZodType)) valueKeys.add(key);
  }
  return z.preprocess(normalizeMessageKeys(aliases, valueKeys), z.object(shape));
}

/** A proto enum: serialized by name, accepted by name or by number. */
export function protoEnum<const Names extends readonly [string, ...string[]]>(names: Names) {
  const byNumber = new Map<number, string>(names.map((name, index) => [index, name]));
  return z.preprocess(
    (input) => (typeof input === 'number' ? (byNumber.get(input) ?? input) : input),
    z.enum(names),
  ) as unknown as z.ZodType<Names[number], unknown>;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A proto int32: a JSON number, or a decimal string as ProtoJSON allows. */
export const int32 = z.preprocess(
  (input) => (typeof input === 'string' && /^-?\d+$/.test(input) ? Number(input) : input),
  z.number().int().min(INT32_MIN).max(INT32_MAX),
) as unknown as z.ZodType<number, unknown>;

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A google.protobuf.Timestamp in JSON: RFC 3339 / ISO 8601 text. Emit UTC with `Z`. */
export const timestamp = z
  .string()
  .regex(TIMESTAMP_RE, {
    message: 'must be an ISO 8601 timestamp such as 2025-10-28T10:30:00.000Z',
    abort: true,
  })
  .refine(isRealDateTime, 'must be a valid date and time');

/** Whether text is a valid ProtoJSON timestamp: the schema's pattern and a date that exists. */
export function isTimestamp(value: string): boolean {
  return TIMESTAMP_RE.test(value) && isRealDateTime(value);
}

/** The number written by `count` ASCII digits at `start` (the pattern has checked they are). */
function digitsAt(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

function isRealDateTime(value: string): boolean {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  // Date.parse rolls Feb 30 over to Mar 2; protobuf's parser rejects dates that do not exist.
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    !Number.isNaN(Date.parse(value))
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days of a month as `new Date(Date.UTC(year, month, 0)).getUTCDate()` counts them, without the
 * Date: Date.UTC reads years 0–99 as 1900–1999, and this keeps that.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year <= 99 ? year + 1900 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Proto `bytes` in JSON: standard or URL-safe base64. */
export const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64 encoded bytes');

/** A JSON value of any kind (google.protobuf.Value). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (google.protobuf.Struct). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * How many levels of objects and arrays a Struct or Value may nest (the value itself is the first):
 * protobuf's own parsers refuse messages nested deeper than 100 levels, and a remote caller must
 * not be able to exhaust the stack of whatever copies, stores or writes the value later.
 */
export const MAX_JSON_DEPTH = 100;

/** Whether `value` nests no more than `levels` objects and arrays deep. */
export function nestsWithin(value: unknown, levels: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels <= 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!nestsWithin(item, levels - 1)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if (!nestsWithin((value as Record<string, unknown>)[key], levels - 1)) return false;
  }
  return true;
}

const TOO_DEEP = `must not nest more than ${MAX_JSON_DEPTH} levels of objects and arrays`;

/** google.protobuf.Struct: any JSON object, at most {@link MAX_JSON_DEPTH} levels deep. */
export const struct = z
  .record(z.string(), z.unknown())
  .refine((value) => nestsWithin(value), TOO_DEEP) as unknown as z.ZodType<JsonObject>;

/** google.protobuf.Value: any JSON value, at most {@link MAX_JSON_DEPTH} levels deep. */
export const jsonValue = z
  .unknown()
  .refine((value) => nestsWithin(value), TOO_DEEP) as unknown as z.ZodType<JsonValue>;

/** A non-empty string, for REQUIRED string fields. */
export const requiredString = z.string().min(1, 'must not be empty');

let lastMillis = Number.NaN;
let lastTimestamp = '';

/**
 * The current time as a ProtoJSON timestamp (UTC, millisecond precision). Calls within the same
 * millisecond share one formatted string (a busy server asks several times per request).
 */
export function nowTimestamp(): string {
  const millis = Date.now();
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastTimestamp = new Date(millis).toISOString();
  }
  return lastTimestamp;
}
