import { InvalidParamsError } from '@baton/protocol';

/**
 * Opaque cursors: base64url of a small JSON object, encoded with Web APIs only (`btoa`/`atob`,
 * `TextEncoder`), so they round-trip on every runtime.
 */

/** Encodes a cursor value as a base64url page token. */
export function encodePageToken(value: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes a page token into its JSON object, checked by `isValid`.
 * Throws `InvalidParamsError` when the token is not one this store issued.
 */
export function decodePageToken<T>(token: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw invalidPageToken(cause);
  }
  if (!isValid(value)) throw invalidPageToken();
  return value;
}

function invalidPageToken(cause?: unknown): InvalidParamsError {
  return new InvalidParamsError('pageToken is not a valid page token', {
    cause,
    fieldViolations: [{ field: 'pageToken', description: 'not a token returned by this server' }],
  });
}

/** Whether `value` is a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
