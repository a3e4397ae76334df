/** The events a client socket reports. */
type ClientSocketEvent = 'open' | 'message' | 'close' | 'error';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEventListener = (event: any) => void;

/**
 * The client side of a WebSocket, typed by shape: the standard `WebSocket` and `ws` both fit.
 * Listeners take `any`: each runtime types its events differently, and only `data`, `code` and
 * `message` are read.
 */
export interface ClientSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: ClientSocketEvent, listener: AnyEventListener): void;
  removeEventListener(type: ClientSocketEvent, listener: AnyEventListener): void;
  /** Drops the connection without a handshake (`ws`); used when the server stopped answering. */
  terminate?(): void;
}

/**
 * A WebSocket constructor: the global one (browsers, Node 22+, Bun, Deno) or `ws`'s, whose third
 * argument carries the upgrade headers (`Authorization`).
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => ClientSocket;
