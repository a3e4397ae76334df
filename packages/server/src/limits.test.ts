import { InvalidParamsError, PayloadTooLargeError } from '@baton/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { checkMessageBounds, DEFAULT_LIMITS, jsonByteLength, resolveLimits } from './limits.js';

describe('limits', () => {
  it('counts UTF-8 bytes of the JSON text', () => {
    expect(jsonByteLength('a')).toBe(3);
    expect(jsonByteLength('é')).toBe(4);
    expect(jsonByteLength('😀')).toBe(6);
    expect(jsonByteLength({ a: '€' })).toBe(new TextEncoder().encode('{"a":"€"}').length);
  });

  it('counts what a UTF-8 encoder writes, for ASCII and any other text', () => {
    const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
    const texts = fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.dictionary(texts, texts), (value) => {
        expect(jsonByteLength(value)).toBe(utf8(value));
      }),
    );
  });

  it('fills defaults and rejects nonsense', () => {
    expect(resolveLimits({ maxPartsPerMessage: 2 })).toEqual({
      ...DEFAULT_LIMITS,
      maxPartsPerMessage: 2,
    });
    expect(() => resolveLimits({ maxMessageBytes: -1 })).toThrow(RangeError);
  });

  it('bounds parts and size of a message', () => {
    const limits = resolveLimits({ maxPartsPerMessage: 2, maxMessageBytes: 200 });
    const message = (parts: number, text = 'x') => ({
      messageId: 'm',
      role: 'ROLE_USER' as const,
      parts: Array.from({ length: parts }, () => ({ text })),
    });
    expect(() => checkMessageBounds(message(2), limits)).not.toThrow();
    expect(() => checkMessageBounds(message(3), limits)).toThrow(InvalidParamsError);
    expect(() => checkMessageBounds(message(1, 'x'.repeat(300)), limits)).toThrow(
      PayloadTooLargeError,
    );
  });
});
