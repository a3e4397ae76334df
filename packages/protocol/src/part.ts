import { z } from 'zod';

import { base64, type JsonValue, jsonValue, protoMessage, struct } from './proto-json.js';

const PART_CONTENT_KEYS = ['text', 'raw', 'url', 'data'] as const;

/**
 * One piece of content in a message or artifact (spec §4.1.6 Part): exactly one of `text`,
 * `raw` (base64 bytes), `url` or `data` (any JSON value), with optional file name, media type and
 * metadata.
 */
export const PartSchema = protoMessage({
  text: z.string().optional(),
  raw: base64.optional(),
  url: z.string().min(1, 'must not be empty').optional(),
  data: jsonValue.optional(),
  metadata: struct.optional(),
  filename: z.string().optional(),
  mediaType: z.string().optional(),
}).superRefine((part, ctx) => {
  const present = PART_CONTENT_KEYS.filter((key) => part[key] !== undefined);
  if (present.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        present.length === 0
          ? 'a part must have exactly one of text, raw, url or data; it has none'
          : `a part must have exactly one of text, raw, url or data; it has ${present.join(' and ')}`,
    });
  }
});

/** One piece of content in a message or artifact (spec §4.1.6 Part). */
export type Part = TextPart | RawPart | UrlPart | DataPart;

interface PartCommon {
  metadata?: Record<string, JsonValue> | undefined;
  filename?: string | undefined;
  mediaType?: string | undefined;
}
/** A part carrying text. */
export interface TextPart extends PartCommon {
  text: string;
  raw?: undefined;
  url?: undefined;
  data?: undefined;
}
/** A part carrying file bytes, base64 encoded. */
export interface RawPart extends PartCommon {
  raw: string;
  text?: undefined;
  url?: undefined;
  data?: undefined;
}
/** A part pointing at a file by URL. */
export interface UrlPart extends PartCommon {
  url: string;
  text?: undefined;
  raw?: undefined;
  data?: undefined;
}
/** A part carrying structured JSON data. */
export interface DataPart extends PartCommon {
  data: JsonValue;
  text?: undefined;
  raw?: undefined;
  url?: undefined;
}

/** The kind of content a part carries. */
export type PartKind = (typeof PART_CONTENT_KEYS)[number];

/** Which of text / raw / url / data a (valid) part carries. */
export function partKind(part: Part): PartKind {
  if (part.text !== undefined) return 'text';
  if (part.raw !== undefined) return 'raw';
  if (part.url !== undefined) return 'url';
  return 'data';
}
