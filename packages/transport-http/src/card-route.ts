import { type AgentCard } from '@baton/protocol';

import { buildServedCard, type ServedInterfaces } from './card.js';

/** One serialized card with its entity tag. */
export interface CardEntity {
  card: AgentCard;
  json: string;
  etag: string;
}

const MAX_CACHED_ORIGINS = 16;

async function entityTag(json: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  const hex = Array.from(new Uint8Array(digest).subarray(0, 16), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return `"${hex}"`;
}

/**
 * Builds and caches the served card per source card and base URL. A handler whose `agentCard`
 * returns a new object gets a fresh entity; the per-card cache is bounded, since the base URL can
 * come from the request's Host header.
 */
export class CardCache {
  readonly #entries = new WeakMap<AgentCard, Map<string, Promise<CardEntity>>>();

  get(source: AgentCard, served: ServedInterfaces): Promise<CardEntity> {
    let byUrl = this.#entries.get(source);
    if (!byUrl) {
      byUrl = new Map();
      this.#entries.set(source, byUrl);
    }
    const key = `${served.jsonRpcUrl} ${served.restUrl}`;
    let entry = byUrl.get(key);
    if (!entry) {
      if (byUrl.size >= MAX_CACHED_ORIGINS) byUrl.delete(byUrl.keys().next().value!);
      const card = buildServedCard(source, served);
      const json = JSON.stringify(card);
      entry = entityTag(json).then((etag) => ({ card, json, etag }));
      byUrl.set(key, entry);
    }
    return entry;
  }
}

/** Whether an `If-None-Match` header matches an entity tag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/** The card response: 200 with the card, or 304 when the client's copy is current. */
export function cardResponse(entity: CardEntity, request: Request, maxAge: number): Response {
  const headers = new Headers({
    'Cache-Control': `public, max-age=${maxAge}`,
    ETag: entity.etag,
    Vary: 'Accept-Encoding',
  });
  if (matchesEtag(request.headers.get('if-none-match'), entity.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set('Content-Type', 'application/json');
  return new Response(entity.json, { status: 200, headers });
}
