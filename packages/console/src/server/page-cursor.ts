/**
 * The cursor of a merged listing: for each source (by index), the store's own page token, or
 * `null` once that source has nothing more. Sources absent from the map start from the top.
 */
export type MergedCursor = Record<number, string | null>;

/** Encodes a merged cursor as an opaque URL-safe string. */
export function encodeCursor(cursor: MergedCursor): string {
  const json = JSON.stringify({ v: 1, s: cursor });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Decodes a cursor made by {@link encodeCursor}; undefined when it is not one. */
export function decodeCursor(token: string): MergedCursor | undefined {
  try {
    const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { v?: unknown; s?: unknown };
    if (parsed.v !== 1 || typeof parsed.s !== 'object' || parsed.s === null) return undefined;
    const cursor: MergedCursor = {};
    for (const [key, value] of Object.entries(parsed.s)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0) return undefined;
      if (value !== null && typeof value !== 'string') return undefined;
      cursor[index] = value;
    }
    return cursor;
  } catch {
    return undefined;
  }
}
