import { type AgentCard } from '@baton/protocol';
import { type A2ARequestHandler, type CallContext, type Caller } from '@baton/server';

import { authenticate, wwwAuthenticate } from './auth.js';
import { type ResolvedA2AHonoOptions } from './options.js';
import { type ResponseHeaders } from './responses.js';
import { extensionHeaders, lastEventId, requestedExtensions } from './service-parameters.js';

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
  /** Aborted when the client goes away or a stream ends early. */
  abort: AbortController;
}

/** Reads the service parameters of a request and links its signal to a fresh controller. */
export async function requestFacts(deps: BindingDeps, request: Request): Promise<RequestFacts> {
  const card = await deps.card(request);
  const requested = requestedExtensions(request);
  const abort = new AbortController();
  if (request.signal.aborted) abort.abort();
  else request.signal.addEventListener('abort', () => abort.abort(), { once: true });
  return {
    headers: extensionHeaders(card, requested),
    challenge: wwwAuthenticate(card),
    requestedExtensions: requested,
    abort,
  };
}

/** Authenticates a request (throws the authenticator's error). */
export function callerOf(deps: BindingDeps, request: Request): Promise<Caller> {
  return authenticate(deps.options.authenticator, request);
}

/** The handler's call context for a request. */
export function callContext(
  facts: RequestFacts,
  request: Request,
  caller: Caller,
  extra: Partial<CallContext>,
): CallContext {
  return {
    signal: facts.abort.signal,
    caller,
    requestedExtensions: facts.requestedExtensions,
    resumeAfter: lastEventId(request),
    ...extra,
  };
}
