import { describe, expect, it } from 'vitest';

import { type Part, partKind, PartSchema } from './part.js';
import { parseProtocol } from './validation.js';

const ONE_OF = 'a part must have exactly one of text, raw, url or data;';

describe('PartSchema (Part oneof content)', () => {
  it.each<[Part, ReturnType<typeof partKind>]>([
    [{ text: 'hello' }, 'text'],
    [{ text: '' }, 'text'],
    [{ raw: 'aGVsbG8=', filename: 'hello.txt', mediaType: 'text/plain' }, 'raw'],
    [{ url: 'https://example.com/a.png', mediaType: 'image/png' }, 'url'],
    [{ data: { rows: [1, 2] }, mediaType: 'application/json' }, 'data'],
    // google.protobuf.Value may hold any JSON value, not only an object.
    [{ data: [1, 'two'] }, 'data'],
    [{ data: 'text value' }, 'data'],
    [{ data: 0 }, 'data'],
    [{ data: false }, 'data'],
    [{ data: null }, 'data'],
  ])('accepts %j as a %s part', (part, kind) => {
    const result = parseProtocol(PartSchema, part);
    expect(result).toEqual({ success: true, data: part });
    if (result.success) expect(partKind(result.data as Part)).toBe(kind);
  });

  it('allows filename, mediaType and metadata on any kind of part', () => {
    const part = { text: 'x', filename: 'x.md', mediaType: 'text/markdown', metadata: { a: 1 } };
    expect(PartSchema.parse(part)).toEqual(part);
  });

  it.each([
    [{}, 'none'],
    [{ filename: 'a.png', mediaType: 'image/png' }, 'none'],
    [{ text: 'a', raw: 'YQ==' }, 'text and raw'],
    [{ url: 'https://x', data: {} }, 'url and data'],
    [{ text: 'a', raw: 'YQ==', url: 'https://x', data: 1 }, 'text and raw and url and data'],
    [{ text: 'a', data: null }, 'text and data'],
  ])('rejects %j: it has %s', (part, has) => {
    expect(parseProtocol(PartSchema, part)).toEqual({
      success: false,
      violations: [{ field: '', description: `${ONE_OF} it has ${has}` }],
    });
  });

  it.each([
    [{ text: 1 }, 'text'],
    [{ raw: 'not base64!' }, 'raw'],
    [{ url: '' }, 'url'],
    [{ text: 'a', filename: 3 }, 'filename'],
    [{ text: 'a', metadata: [] }, 'metadata'],
  ])('reports the bad field of %j', (part, field) => {
    const result = parseProtocol(PartSchema, part);
    expect(result.success ? [] : result.violations.map((v) => v.field)).toEqual([field]);
  });

  it('accepts media_type and keeps snake_case keys inside metadata and data', () => {
    expect(
      PartSchema.parse({
        data: { media_type: 1 },
        media_type: 'application/json',
        metadata: { a_b: 1 },
      }),
    ).toEqual({ data: { media_type: 1 }, mediaType: 'application/json', metadata: { a_b: 1 } });
  });

  it('ignores the 0.3 `kind` discriminator on a 1.0-shaped part', () => {
    expect(PartSchema.parse({ kind: 'text', text: 'hi' })).toEqual({ text: 'hi' });
  });

  it('does not read 0.3 file parts: their content is under `file`, unknown in 1.0', () => {
    const legacy = { kind: 'file', file: { name: 'a.png', mimeType: 'image/png', bytes: 'YQ==' } };
    expect(PartSchema.safeParse(legacy).success).toBe(false);
  });
});

describe('partKind', () => {
  it('names the content a valid part carries', () => {
    expect(partKind({ text: 't' })).toBe('text');
    expect(partKind({ raw: 'YQ==' })).toBe('raw');
    expect(partKind({ url: 'https://x' })).toBe('url');
    expect(partKind({ data: null })).toBe('data');
  });
});
