import { A2AError, type JsonRpcId } from '@baton/protocol';

/**
 * The JSON-RPC methods the WebSocket binding adds to A2A's own, for both directions. None of
 * them collides with an A2A method name (1.0 names are PascalCase, 0.3 names `category/action`).
 */
export const WS_METHODS = {
  /** Server → client notification: one event of the stream opened by call `params.id`. */
  streamEvent: 'stream/event',
  /** Client → server notification: stop call `params.id` (a stream, or a unary call) now. */
  streamCancel: 'stream/cancel',
  /** Client → server request: answered with `result: {}` at once (an app-level heartbeat). */
  ping: 'ping',
} as const;

/** WebSocket close codes the server uses (RFC 6455 §7.4.1). */
export const WS_CLOSE_CODES = {
  /** The server is shutting down. */
  goingAway: 1001,
  /** A binary frame arrived: the binding carries JSON text frames only. */
  unsupportedData: 1003,
  /** The peer does not read: its send buffer passed `maxBufferedBytes`. */
  policyViolation: 1008,
  /** A frame larger than `maxMessageBytes` arrived. */
  messageTooBig: 1009,
} as const;

/** `params` of a `stream/event` notification. */
export interface StreamEventParams {
  /** The id of the call whose stream this event belongs to. */
  id: JsonRpcId;
  /** The task event's sequence number (the SSE `id:`), when the event has one. */
  seq?: number;
  /** The event, exactly as the `result` of an SSE event of the HTTP binding in that dialect. */
  result: unknown;
}

/** A `stream/event` notification, as sent by the server. */
export interface StreamEventNotification {
  jsonrpc: '2.0';
  method: typeof WS_METHODS.streamEvent;
  params: StreamEventParams;
}

/** The `result` of the frame that ends a stream normally. */
export const STREAM_DONE_RESULT = Object.freeze({ done: true as const });

/**
 * Per-message service parameters: an optional `serviceParameters` member of a request frame
 * overrides the connection's `A2A-Version` / `A2A-Extensions` for that call only.
 */
export interface ServiceParameters {
  'A2A-Version'?: string;
  'A2A-Extensions'?: string;
}

/** The JSON-RPC code of "too many concurrent calls or streams on this connection". */
export const TOO_MANY_CALLS_CODE = -32050;

/**
 * The error answered to a call beyond the connection's concurrency limits: JSON-RPC -32050
 * (a Baton code), ErrorInfo reason `TOO_MANY_CALLS`, gRPC RESOURCE_EXHAUSTED, HTTP 429.
 */
export function tooManyCallsError(message: string): A2AError {
  return new A2AError({
    code: TOO_MANY_CALLS_CODE,
    message,
    reason: 'TOO_MANY_CALLS',
    httpStatus: 429,
    grpcStatus: 'RESOURCE_EXHAUSTED',
  });
}
