import { type AgentCardCache } from './card/card-cache.js';
import { type CardVerificationOptions } from './card/verify-signature.js';
import { type ClientInterceptor } from './interceptors.js';
import { type RetryOptions } from './retry.js';
import { type ResumeOptions } from './stream.js';
import { type InterfacePreference, type TransportFactory } from './transport.js';

/** Options of an {@link A2AClient}. */
export interface ClientOptions {
  /** The `fetch` every HTTP request goes through. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /**
   * Which interfaces to use, best first; the first one the card offers wins.
   * @default JSON-RPC 1.0, REST 1.0, JSON-RPC 0.3 (DEFAULT_PREFERENCES)
   */
  preferences?: readonly InterfacePreference[] | undefined;
  /** Transport factories by binding; add one to speak another binding. @default JSON-RPC and REST over HTTP */
  transports?: readonly TransportFactory[] | undefined;
  /** Hooks around every request: auth, headers, logging, tracing. @default [] */
  interceptors?: readonly ClientInterceptor[] | undefined;
  /** Headers sent with every request. */
  headers?: HeadersInit | undefined;
  /** Extension URIs to activate on every request (`A2A-Extensions`). @default [] */
  extensions?: readonly string[] | undefined;
  /**
   * Default per-call time limit in ms: for unary calls the whole call, for streams until the
   * stream opens. @default none
   */
  timeoutMs?: number | undefined;
  /** Retries of idempotent calls on network errors, 429 and 5xx; `false` for none. @default 3 tries */
  retry?: RetryOptions | false | undefined;
  /** Resumption of dropped streams; `false` to surface the drop instead. @default 5 tries */
  resume?: ResumeOptions | false | undefined;
}

/** Options of {@link A2AClient.connect} / {@link createClient}: client options plus card fetching. */
export interface ConnectOptions extends ClientOptions {
  /** Card cache for conditional requests; `false` for none. @default a shared cache */
  cardCache?: AgentCardCache | false | undefined;
  /** Verify the card's signatures with these keys before using it. */
  verifyCard?: CardVerificationOptions | undefined;
  /** Aborts the card fetch. */
  signal?: AbortSignal | undefined;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call; for a stream, closes it. */
  signal?: AbortSignal | undefined;
  /** Time limit in ms (streams: until the stream opens). @default the client's `timeoutMs` */
  timeoutMs?: number | undefined;
  /** Extra headers for this call. */
  headers?: HeadersInit | undefined;
  /** Extra extension URIs to activate for this call. */
  extensions?: readonly string[] | undefined;
  /** Retry policy for this call. @default the client's */
  retry?: RetryOptions | false | undefined;
}

/** Options of a streaming call. */
export interface StreamOptions extends CallOptions {
  /** Resumption policy for this stream. @default the client's */
  resume?: ResumeOptions | false | undefined;
}
