import { InvalidParamsError, PayloadTooLargeError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { checkMessageBounds, DEFAULT_LIMITS, resolveLimits } from './limits.js';

describe('limits', () => {
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
