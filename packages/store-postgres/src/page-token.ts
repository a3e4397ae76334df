import { InvalidParamsError } from '@baton/protocol';

/** Encodes a cursor as an opaque base64url page token. */
export function encodePageToken(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Decodes a page token issued by {@link encodePageToken} and checks it with `isValid`. Throws
 * `InvalidParamsError` for anything else.
 */
export function decodePageToken<T>(token: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalidPageToken(cause);
  }
  if (!isValid(value)) throw invalidPageToken();
  return value;
}

/** Whether `value` is a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidPageToken(cause?: unknown): InvalidParamsError {
  return new InvalidParamsError('pageToken is not a valid page token', {
    cause,
    fieldViolations: [{ field: 'pageToken', description: 'not a token returned by this server' }],
  });
}
