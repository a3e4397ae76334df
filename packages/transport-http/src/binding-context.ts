import { type AgentCard } from '@baton/protocol';
import { type A2ARequestHandler, type CallContext, type Caller } from '@baton/server';

import { authenticate, wwwAuthenticate } from './auth.js';
import { type ResolvedA2AHonoOptions } from './options.js';
import { type ResponseHeaders } from './responses.js';
import { extensionHeaders, lastEventId, requestedExtensions } from './service-parameters.js';
import { type SseHost } from './sse.js';

/** What every binding of one app shares. */
export interface BindingDeps {
  handler: A2ARequestHandler;
  options: ResolvedA2AHonoOptions;
  /** The card as served for this request's base URL. */
  card(request: Request): Promise<AgentCard>;
}

/** Per-request facts every binding needs before it calls the handler. */
export interface RequestFacts {
  /** Response headers: the echoed extensions. */
  headers: ResponseHeaders;
  /** The `WWW-Authenticate` value for a 401, if the card declares schemes. */
  challenge: string | undefined;
  requestedExtensions: string[];
  /**
   * Aborted when the client goes away or the stream ends early; created by {@link callContext}
   * for streaming calls only (a plain call's signal is the request's own).
   */
  abort: AbortController | undefined;
  /** The server's own SSE writer (`serveNode`'s), if it has one; else a web `Response` body. */
  host: SseHost | undefined;
}

const challenges = new WeakMap<AgentCard, { value: string | undefined }>();

/** The challenge of a card, computed once per card object. */
function challengeOf(card: AgentCard): string | undefined {
  let cached = challenges.get(card);
  if (!cached) challenges.set(card, (cached = { value: wwwAuthenticate(card) }));
  return cached.value;
}

/** Reads the service parameters of a request. */
export async function requestFacts(
  deps: BindingDeps,
  request: Request,
  host: SseHost | undefined,
): Promise<RequestFacts> {
  const requested = requestedExtensions(request);
  // Only echoing extensions needs the card as served (it may declare more extensions); the
  // challenge reads the name and security schemes, which serving the card leaves as they are.
  const headers = requested.length > 0 ? extensionHeaders(await deps.card(request), requested) : {};
  return {
    headers,
    challenge: challengeOf(deps.handler.agentCard),
    requestedExtensions: requested,
    abort: undefined,
    host,
  };
}

/** Authenticates a request (throws the authenticator's error). */
export function callerOf(deps: BindingDeps, request: Request): Promise<Caller> {
  return authenticate(deps.options.authenticator, request);
}

/**
 * The handler's call context for a request. A streaming call gets a signal that also aborts when
 * the stream ends early (`facts.abort`, aborted when the client goes away: reported by the SSE host
 * when there is one, so the request's own signal is never created, else by the request's signal);
 * any other call the request's signal itself, which aborts when the client goes away.
 */
export function callContext(
  facts: RequestFacts,
  request: Request,
  caller: Caller,
  extra: Partial<CallContext>,
  streaming: boolean,
): CallContext {
  let signal: AbortSignal;
  if (streaming) {
    const abort = (facts.abort ??= new AbortController());
    if (facts.host) facts.host.abortOnDisconnect(abort);
    else if (request.signal.aborted) abort.abort();
    else request.signal.addEventListener('abort', () => abort.abort(), { once: true });
    signal = abort.signal;
  } else {
    signal = request.signal;
  }
  return {
    signal,
    caller,
    requestedExtensions: facts.requestedExtensions,
    resumeAfter: lastEventId(request),
    ...extra,
  };
}
