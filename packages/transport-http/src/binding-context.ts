import { type AgentCard, type ProtocolVersion } from '@baton/protocol';
import { type A2ARequestHandler, type CallContext, type Caller } from '@baton/server';

import { authenticate, wwwAuthenticate } from './auth.js';
import { type ResolvedA2AHonoOptions } from './options.js';
import { NO_HEADERS, type ResponseHeaders } from './responses.js';
import { extensionHeaders, lastEventId, requestedExtensions } from './service-parameters.js';
import {
  type OpenedEventStream,
  respondSse,
  type SseHost,
  sseHostOf,
  type SseStreamOptions,
} from './sse.js';
import { StreamAbort } from './stream-abort.js';

/** What every binding of one app shares. */
export interface BindingDeps {
  handler: A2ARequestHandler;
  options: ResolvedA2AHonoOptions;
  /** The card as served for this request's base URL. */
  card(request: Request): Promise<AgentCard>;
}

/** Per-request facts every binding needs before it calls the handler. */
export interface RequestFacts {
  /** Response headers: the echoed extensions (set by {@link echoExtensions}). */
  headers: ResponseHeaders;
  /** The `WWW-Authenticate` value for a 401, if the card declares schemes. */
  challenge: string | undefined;
  requestedExtensions: readonly string[];
  /**
   * Aborted when the client goes away or the stream ends early; created by {@link callContext}
   * for streaming calls only (a plain call's signal is the request's own).
   */
  abort: StreamAbort | undefined;
  /** The env of the fetch call, where a server may offer its own SSE writer ({@link hostOf}). */
  env: unknown;
}

const challenges = new WeakMap<AgentCard, { value: string | undefined }>();

/** The challenge of a card, computed once per card object. */
function challengeOf(card: AgentCard): string | undefined {
  let cached = challenges.get(card);
  if (!cached) challenges.set(card, (cached = { value: wwwAuthenticate(card) }));
  return cached.value;
}

/**
 * Reads the service parameters of a request. The echoed extensions need the card as served: when
 * the request asks for any, {@link echoExtensions} must run before `headers` is used.
 */
export function requestFacts(deps: BindingDeps, request: Request, env: unknown): RequestFacts {
  return {
    headers: NO_HEADERS,
    challenge: challengeOf(deps.handler.agentCard),
    requestedExtensions: requestedExtensions(request),
    abort: undefined,
    env,
  };
}

/**
 * Sets the headers echoing the requested extensions that the card as served declares (it may
 * declare more than the handler's card); the challenge reads the name and security schemes,
 * which serving the card leaves as they are.
 */
export async function echoExtensions(
  deps: BindingDeps,
  request: Request,
  facts: RequestFacts,
): Promise<void> {
  facts.headers = extensionHeaders(await deps.card(request), facts.requestedExtensions);
}

/** The server's own SSE writer for the request (created on first use), if it has one. */
export function hostOf(facts: RequestFacts): SseHost | undefined {
  return sseHostOf(facts.env);
}

/** Authenticates a request (throws the authenticator's error); sync without an authenticator. */
export function callerOf(deps: BindingDeps, request: Request): Caller | Promise<Caller> {
  return authenticate(deps.options.authenticator, request);
}

/** What a binding adds to the call context. */
export interface CallExtras {
  protocolVersion: ProtocolVersion;
  tenant?: string | undefined;
}

/**
 * The handler's call context for a request. A streaming call gets a signal that also aborts when
 * the stream ends early (`facts.abort`, aborted when the client goes away: reported by the SSE host
 * when there is one, so the request's own signal is never created, else by the request's signal),
 * made only if the handler reads it; any other call the request's signal itself, which aborts
 * when the client goes away, read only when the handler reads it (some runtimes, hono's Node
 * adapter among them, create it then).
 */
export function callContext(
  facts: RequestFacts,
  request: Request,
  caller: Caller,
  extras: CallExtras,
  streaming: boolean,
): CallContext {
  const resumeAfter = lastEventId(request);
  if (!streaming) {
    return new LazySignalContext(request, caller, facts.requestedExtensions, resumeAfter, extras);
  }
  const host = hostOf(facts);
  const abort = (facts.abort ??= new StreamAbort(host ? undefined : request));
  host?.abortOnDisconnect(abort);
  return new LazySignalContext(abort, caller, facts.requestedExtensions, resumeAfter, extras);
}

/**
 * A call's context. `signal` is a getter of the class, not an own property, reading its source's
 * signal only when the handler does: the request's own for a plain call (hono's Node adapter makes
 * an AbortController for it then), the stream's {@link StreamAbort} for a streaming one (made on
 * first read too). An own accessor would make every context slower to build. A copy made by
 * spreading it has no `signal`: copy it with `{ ...context, signal: context.signal }`.
 */
class LazySignalContext implements CallContext {
  readonly #source: { readonly signal: AbortSignal };
  caller: Caller;
  requestedExtensions: readonly string[];
  resumeAfter: number | undefined;
  protocolVersion: ProtocolVersion;
  tenant: string | undefined;
  constructor(
    source: { readonly signal: AbortSignal },
    caller: Caller,
    requestedExtensions: readonly string[],
    resumeAfter: number | undefined,
    extras: CallExtras,
  ) {
    this.#source = source;
    this.caller = caller;
    this.requestedExtensions = requestedExtensions;
    this.resumeAfter = resumeAfter;
    this.protocolVersion = extras.protocolVersion;
    this.tenant = extras.tenant;
  }
  get signal(): AbortSignal {
    return this.#source.signal;
  }
}

/**
 * Answers an opened event stream as SSE, the same way for every binding: the app's heartbeat,
 * the call's abort (made now if the handler never asked for it), the request's response headers;
 * `errorData` is the binding's shape of an error that ends the stream.
 */
export function respondStream<T>(
  deps: BindingDeps,
  facts: RequestFacts,
  request: Request,
  opened: OpenedEventStream<T>,
  errorData: (error: unknown) => unknown,
): Response {
  // Listed, not spread: on Node 20 a spread followed by keys the source lacks builds a new hidden
  // class on every call (≈ 3 µs here, once per stream).
  const options: SseStreamOptions<T> = {
    first: opened.first,
    rest: opened.rest,
    toEvent: opened.toEvent,
    heartbeatMs: deps.options.heartbeatMs,
    abort: facts.abort ?? new StreamAbort(),
    errorData,
    headers: facts.headers,
  };
  return respondSse(hostOf(facts), options, request);
}
