import { InvalidParamsError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { decodePageToken, encodePageToken, isObject } from './page-token.js';

const isCursor = (value: unknown): value is { k: 'task' } => isObject(value) && value.k === 'task';

describe('page tokens', () => {
  it('round-trip as base64url', () => {
    const token = encodePageToken({ k: 'task', t: 1, id: 'é/+?' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, isCursor)).toEqual({ k: 'task', t: 1, id: 'é/+?' });
  });

  it('refuse tokens this store did not issue with InvalidParamsError', () => {
    for (const token of ['', '!!', 'e30', encodePageToken({ k: 'push' }), 'AAAA']) {
      expect(() => decodePageToken(token, isCursor)).toThrow(InvalidParamsError);
    }
  });
});
