import { z } from 'zod';

import { type Part } from '../part.js';
import { base64, type JsonObject, struct } from '../proto-json.js';
import { compact, isJsonObject } from './v03-common.js';

/**
 * The metadata key that marks a 0.3 DataPart as a wrapped 1.0 non-object `data` value
 * (`{data: {value: …}}`). The same key the reference SDK (a2a-python) uses, so both sides unwrap.
 */
export const DATA_PART_COMPAT_KEY = 'data_part_compat';

/** The file of a 0.3 FilePart: exactly one of `bytes` (base64) or `uri` (spec 0.3 §6.6). */
export const FileContent03Schema = z
  .object({
    name: z.string().optional(),
    mimeType: z.string().optional(),
    bytes: base64.optional(),
    uri: z.string().min(1, 'must not be empty').optional(),
  })
  .superRefine((file, ctx) => {
    if ((file.bytes === undefined) === (file.uri === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          file.bytes === undefined
            ? 'a file needs one of bytes or uri; it has none'
            : 'a file needs one of bytes or uri; it has both',
      });
    }
  });
/** The file of a 0.3 FilePart: FileWithBytes or FileWithUri (spec 0.3 §6.6). */
export type FileContent03 = z.infer<typeof FileContent03Schema>;

const TextPart03Object = z.object({
  kind: z.literal('text'),
  text: z.string(),
  metadata: struct.optional(),
});
const FilePart03Object = z.object({
  kind: z.literal('file'),
  file: FileContent03Schema,
  metadata: struct.optional(),
});
const DataPart03Object = z.object({
  kind: z.literal('data'),
  data: struct,
  metadata: struct.optional(),
});

const PART_KINDS = ['text', 'file', 'data'] as const;

function fillPartKind(input: unknown): unknown {
  if (!isJsonObject(input) || input.kind !== undefined) return input;
  // SDKs default `kind`; a part without one is read by the member it carries.
  const kind = PART_KINDS.find((member) => input[member] !== undefined);
  return kind === undefined ? input : { ...input, kind };
}

/** A 0.3 message or artifact part, discriminated by `kind` (spec 0.3 §6.5 Part). */
export const Part03Schema = z.preprocess(
  fillPartKind,
  z.discriminatedUnion('kind', [TextPart03Object, FilePart03Object, DataPart03Object]),
);
/** A 0.3 text part (spec 0.3 §6.5.1 TextPart). */
export type TextPart03 = z.infer<typeof TextPart03Object>;
/** A 0.3 file part (spec 0.3 §6.5.2 FilePart). */
export type FilePart03 = z.infer<typeof FilePart03Object>;
/** A 0.3 structured data part; `data` must be an object (spec 0.3 §6.5.3 DataPart). */
export type DataPart03 = z.infer<typeof DataPart03Object>;
/** A 0.3 message or artifact part (spec 0.3 §6.5 Part). */
export type Part03 = TextPart03 | FilePart03 | DataPart03;

/** URL-safe or unpadded base64 as the standard padded alphabet that 0.3 readers decode. */
function standardBase64(value: string): string {
  const standard = value.replace(/-/g, '+').replace(/_/g, '/');
  const remainder = standard.length % 4;
  return remainder === 2 || remainder === 3 ? standard + '='.repeat(4 - remainder) : standard;
}

/**
 * A 1.0 part as a 0.3 part. `text` -> TextPart (its filename and media type are lost), `raw` ->
 * FilePart with `bytes`, `url` -> FilePart with `uri`, `data` -> DataPart; a non-object `data`
 * is wrapped as `{value: …}` and marked with {@link DATA_PART_COMPAT_KEY} in the metadata.
 */
export function partTo03(part: Part): Part03 {
  if (part.text !== undefined) {
    // The common part, built without `compact`'s copy.
    const { metadata } = part;
    return metadata === undefined
      ? { kind: 'text', text: part.text }
      : { kind: 'text', text: part.text, metadata };
  }
  if (part.raw !== undefined || part.url !== undefined) {
    const file = compact<FileContent03>({
      ...(part.raw !== undefined ? { bytes: standardBase64(part.raw) } : { uri: part.url }),
      name: part.filename,
      mimeType: part.mediaType,
    });
    return compact<FilePart03>({ kind: 'file', file, metadata: part.metadata });
  }
  if (isJsonObject(part.data)) {
    const { metadata } = part;
    return metadata === undefined
      ? { kind: 'data', data: part.data }
      : { kind: 'data', data: part.data, metadata };
  }
  return {
    kind: 'data',
    data: { value: part.data },
    metadata: { ...part.metadata, [DATA_PART_COMPAT_KEY]: true },
  };
}

/** A 0.3 part as a 1.0 part; a DataPart marked {@link DATA_PART_COMPAT_KEY} is unwrapped. */
export function partFrom03(part: Part03): Part {
  switch (part.kind) {
    case 'text':
      return part.metadata === undefined
        ? { text: part.text }
        : { text: part.text, metadata: part.metadata };
    case 'file': {
      const common = {
        filename: part.file.name,
        mediaType: part.file.mimeType,
        metadata: part.metadata,
      };
      return part.file.bytes !== undefined
        ? compact({ raw: part.file.bytes, ...common })
        : compact({ url: part.file.uri ?? '', ...common });
    }
    case 'data':
      return dataPartFrom03(part);
  }
}

function dataPartFrom03(part: DataPart03): Part {
  const metadata = part.metadata;
  if (metadata?.[DATA_PART_COMPAT_KEY] !== true || !Object.hasOwn(part.data, 'value')) {
    return compact({ data: part.data, metadata });
  }
  const rest: JsonObject = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => key !== DATA_PART_COMPAT_KEY),
  );
  return compact({
    data: part.data.value ?? null,
    metadata: Object.keys(rest).length > 0 ? rest : undefined,
  });
}
