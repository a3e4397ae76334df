import { describe, expect, it } from 'vitest';

import { parseProtocol } from '../validation.js';
import { DATA_PART_COMPAT_KEY, Part03Schema, partFrom03, partTo03 } from './v03-parts.js';

describe('partTo03', () => {
  it('maps raw and url to file parts with name and mimeType', () => {
    expect(
      partTo03({ raw: 'AAEC', filename: 'a.bin', mediaType: 'application/octet-stream' }),
    ).toStrictEqual({
      kind: 'file',
      file: { bytes: 'AAEC', name: 'a.bin', mimeType: 'application/octet-stream' },
    });
    expect(partTo03({ url: 'https://x/y.png', metadata: { a: 1 } })).toStrictEqual({
      kind: 'file',
      file: { uri: 'https://x/y.png' },
      metadata: { a: 1 },
    });
  });

  it('turns URL-safe or unpadded base64 into the standard padded alphabet', () => {
    expect(partTo03({ raw: '-_8' })).toStrictEqual({ kind: 'file', file: { bytes: '+/8=' } });
  });

  it('loses the filename and media type of a text or data part', () => {
    expect(partTo03({ text: 'hi', filename: 'a.txt', mediaType: 'text/plain' })).toStrictEqual({
      kind: 'text',
      text: 'hi',
    });
    expect(partTo03({ data: { a: 1 }, mediaType: 'application/json' })).toStrictEqual({
      kind: 'data',
      data: { a: 1 },
    });
  });

  it('wraps non-object data and marks it so it unwraps again', () => {
    for (const data of [[1, 2], 'text', 3, true, null]) {
      const part03 = partTo03({ data, metadata: { keep: 'me' } });
      expect(part03).toStrictEqual({
        kind: 'data',
        data: { value: data },
        metadata: { keep: 'me', [DATA_PART_COMPAT_KEY]: true },
      });
      expect(partFrom03(Part03Schema.parse(part03))).toStrictEqual({
        data,
        metadata: { keep: 'me' },
      });
    }
    expect(partFrom03(partTo03({ data: [1] }))).toStrictEqual({ data: [1] });
  });
});

describe('partFrom03', () => {
  it('keeps an unmarked {value} object as it is', () => {
    expect(partFrom03({ kind: 'data', data: { value: 1 } })).toStrictEqual({ data: { value: 1 } });
    expect(
      partFrom03({ kind: 'data', data: { other: 1 }, metadata: { [DATA_PART_COMPAT_KEY]: true } }),
    ).toStrictEqual({ data: { other: 1 }, metadata: { [DATA_PART_COMPAT_KEY]: true } });
  });
});

describe('Part03Schema', () => {
  it('reads a part without kind by the member it carries', () => {
    expect(Part03Schema.parse({ text: 'x' })).toStrictEqual({ kind: 'text', text: 'x' });
    expect(Part03Schema.parse({ file: { uri: 'u' } })).toStrictEqual({
      kind: 'file',
      file: { uri: 'u' },
    });
    expect(Part03Schema.parse({ data: {} })).toStrictEqual({ kind: 'data', data: {} });
  });

  it('ignores unknown members and reports 0.3 paths', () => {
    expect(Part03Schema.parse({ kind: 'text', text: 'x', extra: 1 })).toStrictEqual({
      kind: 'text',
      text: 'x',
    });
    const fields = (value: unknown) => {
      const result = parseProtocol(Part03Schema, value);
      return result.success ? [] : result.violations.map((v) => `${v.field}: ${v.description}`);
    };
    expect(fields({ kind: 'text' })).toStrictEqual(['text: is required']);
    expect(fields({})).toStrictEqual([
      "kind: Invalid discriminator value. Expected 'text' | 'file' | 'data'",
    ]);
    expect(fields({ kind: 'file', file: { bytes: 'AA==', uri: 'u' } })).toStrictEqual([
      'file: a file needs one of bytes or uri; it has both',
    ]);
    expect(fields({ kind: 'file', file: { bytes: 'not base64!' } })).toStrictEqual([
      'file.bytes: must be base64 encoded bytes',
    ]);
    expect(fields({ kind: 'data', data: 'x', metadata: [] })).toHaveLength(2);
  });
});
