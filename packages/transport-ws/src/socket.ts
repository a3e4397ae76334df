/** `readyState` of an open WebSocket (the same in every runtime). */
export const WS_OPEN = 1;

/**
 * The socket a connection writes to, typed by shape: `ws`, Deno's and the standard `WebSocket`
 * fit as they are; Bun's `ServerWebSocket` through a three-line wrapper (see the README).
 */
export interface ServerSocket {
  /** Sends one text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** 1 while open; nothing is sent once it is anything else. */
  readonly readyState: number;
  /** Bytes queued but not yet written; without it there is no backpressure. */
  readonly bufferedAmount?: number;
  /** Drops the connection without a handshake (`ws`); used for peers that no longer read. */
  terminate?(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEventListener = (event: any) => void;

/**
 * A standard event-target socket (`ws`, Deno, browsers' API shape) that reports its frames.
 * Listeners take `any`: each runtime types its events differently, and only `data` and `code`
 * are read.
 */
export interface EventSocket extends ServerSocket {
  addEventListener(type: 'message' | 'close' | 'error', listener: AnyEventListener): void;
  removeEventListener(type: 'message' | 'close' | 'error', listener: AnyEventListener): void;
}
