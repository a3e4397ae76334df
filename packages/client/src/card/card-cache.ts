import { type AgentCard } from '@baton/protocol';

/** One cached card with what is needed to revalidate it. */
export interface CachedAgentCard {
  /** The card, canonical 1.0. */
  card: AgentCard;
  /** The JSON as served (needed to verify signatures). */
  raw: unknown;
  /** `ETag` of the response, for `If-None-Match`. */
  etag?: string | undefined;
  /** `Last-Modified` of the response, for `If-Modified-Since`. */
  lastModified?: string | undefined;
  /** Until when (epoch ms) the card may be used without asking the server (`max-age`). */
  freshUntil: number;
}

/**
 * Remembers fetched agent cards by URL so later fetches are conditional requests (`ETag`,
 * `Last-Modified`) or, within `Cache-Control: max-age`, no requests at all.
 * @example
 * const cache = new AgentCardCache();
 * const card = await fetchAgentCard('https://agent.example.com', { cache });
 */
export class AgentCardCache {
  readonly #entries = new Map<string, CachedAgentCard>();
  readonly #maxEntries: number;

  /** @param maxEntries cards kept before the oldest is dropped. @default 100 */
  constructor(maxEntries = 100) {
    this.#maxEntries = maxEntries;
  }

  /** The entry for a card URL, if any. */
  get(url: string): CachedAgentCard | undefined {
    return this.#entries.get(url);
  }

  /** Stores (or replaces) the entry for a card URL. */
  set(url: string, entry: CachedAgentCard): void {
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets one card URL. */
  delete(url: string): void {
    this.#entries.delete(url);
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }
}

/** How long a response may be reused without asking, from its `Cache-Control`. */
export function freshnessMs(cacheControl: string | null): number {
  if (!cacheControl) return 0;
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.includes('no-cache') || directives.includes('no-store')) return 0;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge ? Number(maxAge.slice('max-age='.length)) : 0;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Whether a response may be stored at all. */
export function isStorable(cacheControl: string | null): boolean {
  return !(cacheControl ?? '').toLowerCase().includes('no-store');
}
