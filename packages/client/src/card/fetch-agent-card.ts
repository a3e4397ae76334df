import { type AgentCard, decodeAgentCardAnyVersion, type FieldViolation } from '@baton/protocol';

import { safeStringify } from '../codec/decode.js';
import { A2AClientError } from '../errors.js';
import { callSignal, failureFor } from '../signals.js';
import { AgentCardCache, type CachedAgentCard, freshnessMs, isStorable } from './card-cache.js';
import { type CardVerificationOptions, verifyAgentCardSignature } from './verify-signature.js';

/** The well-known path of the public agent card (both 1.0 and 0.3). */
export const AGENT_CARD_PATH = '/.well-known/agent-card.json';
/** The well-known path used before 0.3, tried when the current one is missing. */
export const LEGACY_AGENT_CARD_PATH = '/.well-known/agent.json';

/** Options of {@link fetchAgentCard}. */
export interface FetchAgentCardOptions {
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Aborts the fetch. */
  signal?: AbortSignal | undefined;
  /** Gives up after this long. @default 30000 */
  timeoutMs?: number | undefined;
  /** Extra request headers (credentials for a card behind auth). */
  headers?: HeadersInit | undefined;
  /** Where cards are remembered for conditional requests; `false` for none. @default a shared cache */
  cache?: AgentCardCache | false | undefined;
  /** Verify the card's signatures with these keys; the fetch fails if none verifies. */
  verify?: CardVerificationOptions | undefined;
}

/** The cache {@link fetchAgentCard} uses when none is given. */
export const defaultAgentCardCache = new AgentCardCache();

/**
 * Where the card of an agent lives: a URL ending in `.json` or containing `/.well-known/` is the
 * card itself, any other URL is the agent's base URL.
 */
export function agentCardUrl(url: string | URL): string {
  const parsed = new URL(url);
  if (parsed.pathname.endsWith('.json') || parsed.pathname.includes('/.well-known/'))
    return parsed.href;
  parsed.pathname = parsed.pathname.replace(/\/+$/, '') + AGENT_CARD_PATH;
  return parsed.href;
}

function describe(violations: FieldViolation[]): string {
  return violations
    .slice(0, 5)
    .map((v) => `${v.field || '(card)'}: ${v.description}`)
    .join('; ');
}

/** Reads card JSON of either version as a canonical 1.0 card, interface URLs made absolute. */
export function parseAgentCard(json: unknown, cardUrl?: string): AgentCard {
  const result = decodeAgentCardAnyVersion(json);
  if (!result.success) {
    throw new A2AClientError(
      'INVALID_CARD',
      `The agent card is invalid: ${describe(result.violations)}`,
      {
        body: safeStringify(json),
      },
    );
  }
  const card = result.data;
  if (cardUrl === undefined) return card;
  const supportedInterfaces = card.supportedInterfaces.map((i) => {
    try {
      return { ...i, url: new URL(i.url, cardUrl).href };
    } catch {
      return i;
    }
  });
  return { ...card, supportedInterfaces };
}

/**
 * Fetches, validates and (when asked) verifies an agent card from an agent's base URL or a card
 * URL. A 0.3 card is converted to the canonical 1.0 model. Sends `A2A-Version: 1.0` so servers
 * that serve both shapes answer with the 1.0 card; revalidates cached cards with their `ETag`.
 * @throws A2AClientError `INVALID_CARD`, `INVALID_SIGNATURE`, `HTTP_ERROR`, `NETWORK_ERROR`, `TIMEOUT`
 * @example
 * const card = await fetchAgentCard('https://agent.example.com');
 * console.log(card.name, card.supportedInterfaces);
 */
export async function fetchAgentCard(
  url: string | URL,
  options: FetchAgentCardOptions = {},
): Promise<AgentCard> {
  return (await loadAgentCard(url, options)).card;
}

/** Like {@link fetchAgentCard}, with the raw JSON and cache details. */
export async function loadAgentCard(
  url: string | URL,
  options: FetchAgentCardOptions = {},
): Promise<CachedAgentCard> {
  const cardUrl = agentCardUrl(url);
  const cache = options.cache === false ? undefined : (options.cache ?? defaultAgentCardCache);
  const cached = cache?.get(cardUrl);
  let entry: CachedAgentCard;
  if (cached && cached.freshUntil > Date.now()) {
    entry = cached;
  } else {
    const call = callSignal(options.signal, options.timeoutMs ?? 30_000);
    try {
      entry = await request(cardUrl, options, cached, call.signal, cache);
    } finally {
      call.dispose();
    }
  }
  if (options.verify) await verifyAgentCardSignature(entry.raw, options.verify, entry.card);
  return entry;
}

async function request(
  cardUrl: string,
  options: FetchAgentCardOptions,
  cached: CachedAgentCard | undefined,
  signal: AbortSignal,
  cache: AgentCardCache | undefined,
): Promise<CachedAgentCard> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  if (!headers.has('A2A-Version')) headers.set('A2A-Version', '1.0');
  if (cached?.etag) headers.set('If-None-Match', cached.etag);
  if (cached?.lastModified) headers.set('If-Modified-Since', cached.lastModified);
  let response: Response;
  let target = cardUrl;
  try {
    response = await doFetch(target, { headers, signal });
    if (response.status === 404 && new URL(cardUrl).pathname.endsWith(AGENT_CARD_PATH)) {
      await response.body?.cancel();
      target = cardUrl.replace(AGENT_CARD_PATH, LEGACY_AGENT_CARD_PATH);
      response = await doFetch(target, { headers, signal });
    }
  } catch (error) {
    throw failureFor(signal, error, `Fetching the agent card from ${cardUrl} failed`);
  }
  const cacheControl = response.headers.get('Cache-Control');
  if (response.status === 304 && cached) {
    await response.body?.cancel();
    const refreshed = { ...cached, freshUntil: Date.now() + freshnessMs(cacheControl) };
    cache?.set(cardUrl, refreshed);
    return refreshed;
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw failureFor(signal, error, 'Reading the agent card failed');
  }
  if (!response.ok) {
    throw new A2AClientError(
      'HTTP_ERROR',
      `HTTP ${response.status} fetching the agent card from ${target}`,
      {
        status: response.status,
        body: text,
      },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new A2AClientError('INVALID_CARD', `The agent card at ${target} is not JSON`, {
      cause: error,
      body: text,
    });
  }
  const entry: CachedAgentCard = {
    card: parseAgentCard(raw, target),
    raw,
    etag: response.headers.get('ETag') ?? undefined,
    lastModified: response.headers.get('Last-Modified') ?? undefined,
    freshUntil: Date.now() + freshnessMs(cacheControl),
  };
  if (cache && isStorable(cacheControl)) cache.set(cardUrl, entry);
  return entry;
}
