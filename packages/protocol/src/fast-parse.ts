import { type z } from 'zod';

import { ArtifactSchema, MessageSchema } from './message.js';
import { SendMessageConfigurationSchema, SendMessageRequestSchema } from './operations.js';
import { PartSchema } from './part.js';
import { isTimestamp, nestsWithin } from './proto-json.js';
import {
  StreamResponseSchema,
  TaskArtifactUpdateEventSchema,
  TaskStatusUpdateEventSchema,
} from './stream-response.js';
import { TaskStatusSchema } from './task.js';
import { TASK_STATES } from './task-state.js';

/**
 * Hand-written parsers for the schemas on every request's path (a SendMessage's params, the
 * events an agent writes). Each accepts only input in plain canonical form — a plain object with
 * known camelCase keys, no `null`, enums by name, every field of the right type — and then returns
 * exactly what the zod schema returns (a new object with the schema's key order, containers
 * copied, JSON values shared). Anything else is a miss, and the zod schema decides: a fast parser
 * never accepts what the schema refuses. Property tests hold them to that.
 */

/** The answer of a fast parser that leaves the decision to zod. */
export const MISS: unique symbol = Symbol('miss');
type Miss = typeof MISS;
/** A fast parser: the parsed value, or {@link MISS}. */
export type Parse = (value: unknown) => unknown;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

interface Field {
  parse: Parse;
  required: boolean;
}

export const required = (parse: Parse): Field => ({ parse, required: true });
export const optional = (parse: Parse): Field => ({ parse, required: false });

/** A proto message: known keys only (snake_case, `null` and unknown keys are misses). */
export function object(fields: Record<string, Field>): Parse {
  const keys = Object.keys(fields);
  const known = new Set(keys);
  const specs = keys.map((key) => [key, fields[key]!] as const);
  return (input) => {
    if (!isPlainObject(input)) return MISS;
    for (const key in input) {
      if (!known.has(key) || input[key] === null) return MISS;
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of specs) {
      if (!(key in input)) {
        if (field.required) return MISS;
        continue;
      }
      const value = input[key];
      if (value === undefined) {
        // zod keeps an optional key that is present with `undefined`.
        if (field.required) return MISS;
        out[key] = undefined;
        continue;
      }
      const parsed = field.parse(value);
      if (parsed === MISS) return MISS;
      out[key] = parsed;
    }
    return out;
  };
}

/** Exactly one of `keys` is set (not undefined), as the schemas' refinements require. */
export function exactlyOne(parse: Parse, keys: readonly string[]): Parse {
  return (input) => {
    const out = parse(input);
    if (out === MISS) return MISS;
    let present = 0;
    for (const key of keys) if ((out as Record<string, unknown>)[key] !== undefined) present++;
    return present === 1 ? out : MISS;
  };
}

export const string: Parse = (value) => (typeof value === 'string' ? value : MISS);
export const nonEmptyString: Parse = (value) =>
  typeof value === 'string' && value.length > 0 ? value : MISS;
export const boolean: Parse = (value) => (typeof value === 'boolean' ? value : MISS);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
export const base64: Parse = (value) =>
  typeof value === 'string' && BASE64.test(value) ? value : MISS;
const timestamp: Parse = (value) =>
  typeof value === 'string' && isTimestamp(value) ? value : MISS;
/** google.protobuf.Value: any value nested no deeper than zod allows, shared as zod shares it. */
const jsonValue: Parse = (value) => (nestsWithin(value) ? value : MISS);

export function oneOf(names: readonly string[]): Parse {
  const allowed = new Set(names);
  return (value) => (typeof value === 'string' && allowed.has(value) ? value : MISS);
}

/** google.protobuf.Struct: a plain object, copied key by key as zod's record copies it. */
export const struct: Parse = (value) => {
  if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return MISS;
  if (!nestsWithin(value)) return MISS;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return MISS;
    out[key] = value[key];
  }
  return out;
};

export function arrayOf(item: Parse, minLength = 0): Parse {
  return (value) => {
    if (!Array.isArray(value) || value.length < minLength) return MISS;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return MISS;
      const parsed = item(value[i]);
      if (parsed === MISS) return MISS;
      out[i] = parsed;
    }
    return out;
  };
}

const INT32_MAX = 2147483647;
export const historyLength: Parse = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= INT32_MAX
    ? value
    : MISS;

const part = exactlyOne(
  object({
    text: optional(string),
    raw: optional(base64),
    url: optional(nonEmptyString),
    data: optional(jsonValue),
    metadata: optional(struct),
    filename: optional(string),
    mediaType: optional(string),
  }),
  ['text', 'raw', 'url', 'data'],
);

export const stringArray = arrayOf(string);

const message = object({
  messageId: required(nonEmptyString),
  contextId: optional(string),
  taskId: optional(string),
  role: required(oneOf(['ROLE_USER', 'ROLE_AGENT'])),
  parts: required(arrayOf(part, 1)),
  metadata: optional(struct),
  extensions: optional(stringArray),
  referenceTaskIds: optional(stringArray),
});

const artifact = object({
  artifactId: required(nonEmptyString),
  name: optional(string),
  description: optional(string),
  parts: required(arrayOf(part, 1)),
  metadata: optional(struct),
  extensions: optional(stringArray),
});

const taskStatus = object({
  state: required(oneOf(TASK_STATES)),
  message: optional(message),
  timestamp: optional(timestamp),
});

const statusUpdate = object({
  taskId: required(nonEmptyString),
  contextId: required(string),
  status: required(taskStatus),
  metadata: optional(struct),
});

const artifactUpdate = object({
  taskId: required(nonEmptyString),
  contextId: required(string),
  artifact: required(artifact),
  append: optional(boolean),
  lastChunk: optional(boolean),
  metadata: optional(struct),
});

/** A task snapshot is rare on these paths: zod parses it. */
export const never: Parse = () => MISS;

const streamResponse = exactlyOne(
  object({
    task: optional(never),
    message: optional(message),
    statusUpdate: optional(statusUpdate),
    artifactUpdate: optional(artifactUpdate),
  }),
  ['task', 'message', 'statusUpdate', 'artifactUpdate'],
);

const configuration = object({
  acceptedOutputModes: optional(stringArray),
  // An inline push config goes through zod (URL and authentication rules).
  taskPushNotificationConfig: optional(never),
  historyLength: optional(historyLength),
  returnImmediately: optional(boolean),
});

const sendMessageRequest = object({
  tenant: optional(string),
  message: required(message),
  configuration: optional(configuration),
  metadata: optional(struct),
});

const FAST_PARSERS = new Map<z.ZodType<unknown, unknown>, Parse>([
  [PartSchema, part],
  [MessageSchema, message],
  [ArtifactSchema, artifact],
  [TaskStatusSchema, taskStatus],
  [TaskStatusUpdateEventSchema, statusUpdate],
  [TaskArtifactUpdateEventSchema, artifactUpdate],
  [StreamResponseSchema, streamResponse],
  [SendMessageConfigurationSchema, configuration],
  [SendMessageRequestSchema, sendMessageRequest],
]);

/** What the schema's fast parser makes of `value`: the parsed value, or {@link MISS}. */
export function fastParse(schema: z.ZodType<unknown, unknown>, value: unknown): unknown | Miss {
  const parse = FAST_PARSERS.get(schema);
  return parse ? parse(value) : MISS;
}
