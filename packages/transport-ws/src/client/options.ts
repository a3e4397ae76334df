import { type WebSocketConstructor } from './socket.js';

/** How the carrier reconnects after the socket drops or fails to open. */
export interface ReconnectOptions {
  /** Connection attempts per call before it fails with `NETWORK_ERROR`. @default 5 */
  maxAttempts?: number | undefined;
  /** Wait before the second attempt; doubles with each further one. @default 100 */
  initialDelayMs?: number | undefined;
  /** Longest wait between two attempts. @default 5000 */
  maxDelayMs?: number | undefined;
}

/** Options of {@link WebSocketCarrier} and `webSocketTransport`. */
export interface WebSocketCarrierOptions {
  /**
   * The WebSocket constructor; pass `ws`'s `WebSocket` on Node 20.
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketConstructor | undefined;
  /**
   * How request headers (`Authorization`, custom ones from interceptors) reach the server at the
   * upgrade: `'headers'` passes them to the constructor's third argument (`ws`); `'query'` sends
   * a bearer token as `?token=` (browsers cannot set upgrade headers) and drops the rest.
   * @default 'headers' when a `WebSocket` constructor is given, else 'query'
   */
  credentials?: 'headers' | 'query' | undefined;
  /** Query parameter carrying the bearer token when `credentials` is `'query'`. @default 'token' */
  tokenQueryParam?: string | undefined;
  /** Reconnection with exponential backoff. @default 5 attempts, 100 ms doubling up to 5 s */
  reconnect?: ReconnectOptions | undefined;
  /** Time allowed for one connection attempt, in ms. @default 10000 */
  connectTimeoutMs?: number | undefined;
  /**
   * Interval of app-level `ping` calls while the socket is open, in ms; an unanswered one drops
   * the socket (calls fail with `NETWORK_ERROR`, streams resume). 0 turns them off.
   * @default 15000
   */
  heartbeatMs?: number | undefined;
  /** Time a `ping` may take before the server counts as gone, in ms. @default 10000 */
  heartbeatTimeoutMs?: number | undefined;
  /**
   * The socket closes after this long without calls or streams, so an idle client does not keep
   * the process alive; the next call reconnects.
   * @default 5000
   */
  idleTimeoutMs?: number | undefined;
  /**
   * Events of one stream held while its consumer is not reading. One more ends the stream: the
   * server stops sending it, and the reader gets the events held so far, then `NETWORK_ERROR`
   * (which `A2AClient` answers by resuming after the last event read, against agents that
   * support it).
   * @default 10000
   */
  maxBufferedEvents?: number | undefined;
}

/** {@link WebSocketCarrierOptions} with every default applied. */
export interface ResolvedCarrierOptions {
  WebSocket: WebSocketConstructor;
  credentials: 'headers' | 'query';
  tokenQueryParam: string;
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  connectTimeoutMs: number;
  heartbeatMs: number;
  heartbeatTimeoutMs: number;
  idleTimeoutMs: number;
  maxBufferedEvents: number;
}

/** Applies the defaults; throws `TypeError` when no WebSocket constructor is available. */
export function resolveCarrierOptions(
  options: WebSocketCarrierOptions = {},
): ResolvedCarrierOptions {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor) {
    throw new TypeError(
      'No global WebSocket (Node < 22): pass the `ws` package as the WebSocket option',
    );
  }
  return {
    WebSocket: Ctor,
    credentials: options.credentials ?? (options.WebSocket ? 'headers' : 'query'),
    tokenQueryParam: options.tokenQueryParam ?? 'token',
    maxAttempts: Math.max(1, options.reconnect?.maxAttempts ?? 5),
    initialDelayMs: options.reconnect?.initialDelayMs ?? 100,
    maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 10_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 5000,
    maxBufferedEvents: Math.max(1, Math.floor(options.maxBufferedEvents ?? 10_000)),
  };
}

/** The wait before connection attempt `attempt` (0-based; the first has none), with jitter. */
export function backoffDelay(options: ResolvedCarrierOptions, attempt: number): number {
  if (attempt <= 0) return 0;
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
