import { type AgentCard, parseProtocolVersion, type ProtocolVersion } from '@baton/protocol';

/** The raw `A2A-Version` of a request: the header, else the `A2A-Version` query parameter. */
export function rawProtocolVersion(request: Request): string | undefined {
  const header = request.headers.get('a2a-version');
  if (header !== null && header.trim() !== '') return header.trim();
  // Parsing the URL is the costly part: skip it when there is no query.
  if (!request.url.includes('?')) return undefined;
  const url = new URL(request.url);
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === 'a2a-version' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * The dialect a request asks for, or undefined when it names a version that is not in `served`.
 * Missing or empty means 0.3 (A2A.md §7); `fallback` replaces that rule where the URL already
 * fixes the version (REST 1.0 routes).
 */
export function requestedVersion(
  request: Request,
  served: readonly ProtocolVersion[],
  fallback?: ProtocolVersion,
): ProtocolVersion | undefined {
  const raw = rawProtocolVersion(request);
  const version = raw === undefined && fallback ? fallback : parseProtocolVersion(raw);
  return version !== undefined && served.includes(version) ? version : undefined;
}

/** Extension URIs the client asked for: `A2A-Extensions` and the 0.3 `X-A2A-Extensions`. */
export function requestedExtensions(request: Request): readonly string[] {
  const current = request.headers.get('a2a-extensions');
  const legacy = request.headers.get('x-a2a-extensions');
  if (current === null && legacy === null) return NONE;
  const uris = new Set<string>();
  for (const header of [current, legacy]) {
    for (const uri of (header ?? '').split(',')) {
      if (uri.trim() !== '') uris.add(uri.trim());
    }
  }
  return uris.size > 0 ? [...uris] : NONE;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The response headers echoing the activated extensions: the requested ones the card declares,
 * in `A2A-Extensions` and (for 0.3 clients) `X-A2A-Extensions`.
 */
export function extensionHeaders(
  card: AgentCard,
  requested: readonly string[],
): Record<string, string> {
  if (requested.length === 0) return {};
  const declared = new Set((card.capabilities.extensions ?? []).map((extension) => extension.uri));
  const activated = requested.filter((uri) => declared.has(uri));
  if (activated.length === 0) return {};
  const value = activated.join(', ');
  return { 'A2A-Extensions': value, 'X-A2A-Extensions': value };
}

/** The `Last-Event-ID` of a reconnecting SSE client, as an event sequence number. */
export function lastEventId(request: Request): number | undefined {
  const value = request.headers.get('last-event-id')?.trim();
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
