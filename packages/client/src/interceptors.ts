import { type AgentInterface, type HttpVerb, type OperationName } from '@baton/protocol';

/** A request about to be sent, as interceptors see it: they may change `url` and `headers`. */
export interface InterceptedRequest {
  /** The A2A operation. */
  readonly operation: OperationName;
  /** The canonical (1.0) params of the call. */
  readonly params: unknown;
  /** Target URL; an interceptor may add query parameters (API key in query). */
  url: URL;
  /** HTTP verb. */
  readonly method: HttpVerb;
  /** Request headers; add credentials, tracing or custom headers here. */
  readonly headers: Headers;
  /** The card interface the client speaks to. */
  readonly interface: AgentInterface;
  /** Whether the answer is a stream. */
  readonly streaming: boolean;
  /** 1 for the first try, then 2, 3… for retries and resumptions. */
  readonly attempt: number;
  /** Fires when the call is aborted or times out. */
  readonly signal: AbortSignal;
  /** Scratch space shared by the hooks of one request (timings, span handles). */
  readonly state: Map<unknown, unknown>;
}

/** An HTTP response (or stream opening), as interceptors see it. */
export interface InterceptedResponse {
  /** The request it answers. */
  readonly request: InterceptedRequest;
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
}

/** What an `after` hook may ask for: send the same request once more (e.g. after a token refresh). */
export interface InterceptorVerdict {
  retry: true;
}

/**
 * Cross-cutting behaviour around every request: auth, custom headers, logging, tracing. Hooks run
 * in array order; `after` may ask for one retry of the request (the client honours one such retry
 * per call).
 * @example
 * const timing: ClientInterceptor = {
 *   before: (req) => void req.state.set('t0', Date.now()),
 *   after: (res) => console.log(res.request.operation, res.status, Date.now() - (res.request.state.get('t0') as number)),
 * };
 */
export interface ClientInterceptor {
  /** A name for logs. */
  readonly name?: string;
  /** Runs before each send (also before retries and stream resumptions). */
  before?(request: InterceptedRequest): void | Promise<void>;
  /** Runs when the HTTP response (or the stream's headers) arrives, before it is decoded. */
  after?(
    response: InterceptedResponse,
  ): void | InterceptorVerdict | Promise<void | InterceptorVerdict>;
  /** Runs when sending failed without a response (network error, timeout, abort). */
  error?(request: InterceptedRequest, error: unknown): void | Promise<void>;
}
