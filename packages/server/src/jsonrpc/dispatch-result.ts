import { type ErrorMappingVariant, type JsonRpcResponse } from '@baton/protocol';

import { type Logger } from '../logger.js';
import { type CallContext } from '../request-handler.js';

/** One item of a JSON-RPC stream: the response body and the event sequence number (SSE `id:`). */
export interface DispatchStreamItem {
  seq?: number | undefined;
  body: JsonRpcResponse;
}

/**
 * What a transport sends back for one JSON-RPC request: one response, a stream of responses
 * (SSE / WebSocket frames, all with the request's id), or nothing (a notification).
 */
export type DispatchResult =
  | { kind: 'response'; body: JsonRpcResponse }
  | { kind: 'stream'; events: AsyncIterable<DispatchStreamItem> }
  | { kind: 'none' };

/** Options of {@link createJsonRpcDispatcher}. */
export interface JsonRpcDispatcherOptions {
  /**
   * Which published 1.0 error mapping to follow (only HTTP/gRPC statuses differ).
   * @default '1.0.0', the one the A2A TCK checks
   */
  errorMapping?: ErrorMappingVariant | undefined;
  /** Where unexpected (non-A2A) errors are reported. @default consoleLogger */
  logger?: Logger | undefined;
}

/** Runs JSON-RPC requests of both A2A dialects against a request handler. */
export interface JsonRpcDispatcher {
  /** Dispatches a parsed JSON body. Never throws: every failure is a JSON-RPC error. */
  dispatch(body: unknown, context?: CallContext): Promise<DispatchResult>;
  /** Parses `text` as JSON (answering -32700 when it is not), then dispatches it. */
  dispatchText(text: string, context?: CallContext): Promise<DispatchResult>;
}
