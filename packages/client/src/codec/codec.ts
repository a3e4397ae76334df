import {
  type HttpVerb,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

import { type CarrierEvent, type CarrierResponse } from '../carrier/carrier.js';

/** What a codec needs besides the params: where the interface is and who the request is for. */
export interface EncodeContext {
  /** The interface URL from the card. */
  url: string;
  /** `AgentInterface.tenant`, copied into every request. */
  tenant?: string | undefined;
  /** Extension URIs to activate (`A2A-Extensions`). */
  extensions?: readonly string[] | undefined;
}

/** A request shaped for the wire: target, verb, service-parameter headers and JSON body. */
export interface EncodedRequest {
  url: URL;
  method: HttpVerb;
  headers: Headers;
  body?: unknown;
}

/**
 * Speaks one binding in one protocol version: turns canonical (1.0) params into a wire request and
 * wire responses and events back into canonical results. Knows nothing of how bytes travel.
 */
export interface Codec {
  /** The binding, as in `AgentInterface.protocolBinding`. */
  readonly binding: string;
  /** The protocol version spoken. */
  readonly protocolVersion: ProtocolVersion;
  /** Whether the dialect has this operation at all (0.3 JSON-RPC has no ListTasks). */
  supports(operation: OperationName): boolean;
  /** Shapes a request. */
  encode<Op extends OperationName>(
    operation: Op,
    params: OperationParams<Op>,
    context: EncodeContext,
  ): EncodedRequest;
  /**
   * Reads a (non-stream) response: the canonical result, or throws the A2A error it carries
   * (a protocol error class) or an `A2AClientError` (`HTTP_ERROR`, `INVALID_RESPONSE`).
   */
  decodeResponse<Op extends OperationName>(
    operation: Op,
    response: CarrierResponse,
  ): OperationResult<Op>;
  /** Reads one stream event as a canonical StreamResponse, or throws the error it carries. */
  decodeEvent(operation: OperationName, event: CarrierEvent): StreamResponse;
}

/** Joins an interface URL and a route path without losing the URL's own path. */
export function joinUrl(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  return url;
}
