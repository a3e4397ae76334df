import { type z } from 'zod';

import {
  arrayOf,
  base64,
  boolean,
  exactlyOne,
  historyLength,
  isPlainObject,
  MISS,
  never,
  nonEmptyString,
  object,
  oneOf,
  optional,
  type Parse,
  required,
  string,
  stringArray,
  struct,
} from '../fast-parse.js';
import { Message03Schema } from './v03-message.js';
import { MessageSendParams03Schema } from './v03-params.js';
import { Part03Schema } from './v03-parts.js';

/**
 * Hand-written parsers for the 0.3 params every 0.3 SendMessage and stream starts with, on the
 * terms of `../fast-parse.ts`: plain canonical 0.3 JSON only (known keys, no `null`, every field of
 * the right type), and then exactly what the zod schema returns; anything else is a miss and zod
 * decides. A missing `kind` is filled in as the schemas' preprocess steps fill it.
 */

const literal =
  (value: string): Parse =>
  (input) =>
    input === value ? input : MISS;

const textPart = object({
  kind: required(literal('text')),
  text: required(string),
  metadata: optional(struct),
});

const file = exactlyOne(
  object({
    name: optional(string),
    mimeType: optional(string),
    bytes: optional(base64),
    uri: optional(nonEmptyString),
  }),
  ['bytes', 'uri'],
);

const filePart = object({
  kind: required(literal('file')),
  file: required(file),
  metadata: optional(struct),
});

const dataPart = object({
  kind: required(literal('data')),
  data: required(struct),
  metadata: optional(struct),
});

/** The `kind` a part without one is read as: the first member it carries (`fillPartKind`). */
function partKind(input: Record<string, unknown>): string | undefined {
  if (input.text !== undefined) return 'text';
  if (input.file !== undefined) return 'file';
  if (input.data !== undefined) return 'data';
  return undefined;
}

const part: Parse = (input) => {
  if (!isPlainObject(input)) return MISS;
  let value = input;
  if (input.kind === undefined) {
    const kind = partKind(input);
    if (kind === undefined) return MISS;
    value = { ...input, kind };
  }
  switch (value.kind) {
    case 'text':
      return textPart(value);
    case 'file':
      return filePart(value);
    case 'data':
      return dataPart(value);
    default:
      return MISS;
  }
};

const messageObject = object({
  kind: required(literal('message')),
  messageId: required(nonEmptyString),
  role: required(oneOf(['user', 'agent'])),
  parts: required(arrayOf(part, 1)),
  contextId: optional(string),
  taskId: optional(string),
  metadata: optional(struct),
  extensions: optional(stringArray),
  referenceTaskIds: optional(stringArray),
});

/** A message whose `kind` may be missing, as `withKind('message', …)` reads it. */
const message: Parse = (input) => {
  if (!isPlainObject(input)) return MISS;
  return messageObject(input.kind === undefined ? { ...input, kind: 'message' } : input);
};

const configuration = object({
  acceptedOutputModes: optional(stringArray),
  historyLength: optional(historyLength),
  // An inline push config goes through zod (URL and authentication rules).
  pushNotificationConfig: optional(never),
  blocking: optional(boolean),
});

const messageSendParams = object({
  message: required(message),
  configuration: optional(configuration),
  metadata: optional(struct),
});

const FAST_PARSERS_03 = new Map<z.ZodType<unknown, unknown>, Parse>([
  [Part03Schema, part],
  [Message03Schema, message],
  [MessageSendParams03Schema, messageSendParams],
]);

/** What the 0.3 schema's fast parser makes of `value`: the parsed value, or {@link MISS}. */
export function fastParse03(schema: z.ZodType<unknown, unknown>, value: unknown): unknown {
  const parse = FAST_PARSERS_03.get(schema);
  return parse ? parse(value) : MISS;
}
