import {
  errorFromJsonRpc,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

import { type CarrierEvent, type CarrierResponse } from '../carrier/carrier.js';
import { A2AClientError } from '../errors.js';
import { type Codec, type EncodeContext, type EncodedRequest } from './codec.js';
import { isObject, safeStringify } from './decode.js';

/**
 * The version-specific part of JSON-RPC: method names, params and result shapes, headers.
 * Results and events come out canonical (1.0) whatever the wire spoke.
 */
export interface JsonRpcDialect {
  /** The protocol version. */
  readonly protocolVersion: ProtocolVersion;
  /** The JSON-RPC method for an operation, or undefined when the dialect lacks it. */
  method(operation: OperationName): string | undefined;
  /** Wire params from canonical params; undefined omits `params`. */
  encodeParams<Op extends OperationName>(
    operation: Op,
    params: OperationParams<Op>,
    context: EncodeContext,
  ): unknown;
  /** Canonical result from the wire `result`; throws `A2AClientError` `INVALID_RESPONSE`. */
  decodeResult<Op extends OperationName>(operation: Op, result: unknown): OperationResult<Op>;
  /** Canonical StreamResponse from one event's `result`. */
  decodeEvent(result: unknown): StreamResponse;
  /** Service-parameter headers for a request. */
  headers(context: EncodeContext): Headers;
}

/**
 * The JSON-RPC 2.0 binding (A2A.md §5) for one dialect: POST to the interface URL, the envelope
 * as body, errors rebuilt as the protocol's error classes.
 * @example
 * const codec = new JsonRpcCodec(jsonRpc10);
 */
export class JsonRpcCodec implements Codec {
  readonly binding = 'JSONRPC';
  readonly protocolVersion: ProtocolVersion;
  readonly #dialect: JsonRpcDialect;

  constructor(dialect: JsonRpcDialect) {
    this.#dialect = dialect;
    this.protocolVersion = dialect.protocolVersion;
  }

  supports(operation: OperationName): boolean {
    return this.#dialect.method(operation) !== undefined;
  }

  encode<Op extends OperationName>(
    operation: Op,
    params: OperationParams<Op>,
    context: EncodeContext,
  ): EncodedRequest {
    const method = this.#dialect.method(operation);
    if (method === undefined) {
      throw new A2AClientError(
        'UNSUPPORTED_OPERATION',
        `${operation} does not exist in JSON-RPC ${this.protocolVersion}`,
      );
    }
    const id = crypto.randomUUID();
    const url = new URL(context.url);
    const wireParams = this.#dialect.encodeParams(operation, params, context);
    const body =
      wireParams === undefined
        ? { jsonrpc: '2.0', id, method }
        : { jsonrpc: '2.0', id, method, params: wireParams };
    return { url, method: 'POST', headers: this.#dialect.headers(context), body };
  }

  decodeResponse<Op extends OperationName>(
    operation: Op,
    response: CarrierResponse,
  ): OperationResult<Op> {
    const envelope = this.#envelope(response.body);
    if (envelope === undefined) {
      if (response.status < 200 || response.status >= 300) {
        throw new A2AClientError('HTTP_ERROR', `HTTP ${response.status} from the agent`, {
          status: response.status,
          body: response.text,
        });
      }
      throw new A2AClientError(
        'INVALID_RESPONSE',
        'The agent did not answer with a JSON-RPC response',
        {
          status: response.status,
          body: response.text,
        },
      );
    }
    if ('error' in envelope) throw errorFromJsonRpc(envelope.error);
    return this.#dialect.decodeResult(operation, envelope.result);
  }

  decodeEvent(_operation: OperationName, event: CarrierEvent): StreamResponse {
    const envelope = this.#envelope(event.data);
    if (envelope === undefined) {
      throw new A2AClientError('INVALID_RESPONSE', 'A stream event is not a JSON-RPC response', {
        body: safeStringify(event.data),
      });
    }
    if ('error' in envelope) throw errorFromJsonRpc(envelope.error);
    return this.#dialect.decodeEvent(envelope.result);
  }

  #envelope(value: unknown): { error: unknown } | { result: unknown } | undefined {
    if (!isObject(value) || value.jsonrpc !== '2.0') return undefined;
    if ('error' in value && value.error !== undefined) return { error: value.error };
    if ('result' in value) return { result: value.result };
    return undefined;
  }
}
