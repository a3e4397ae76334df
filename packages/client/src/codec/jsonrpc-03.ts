import {
  decodeResult03,
  decodeStreamEvent03,
  encodeParams03,
  type FieldViolation,
  METHODS,
  type OperationName,
  type ParseResult,
} from '@baton/protocol';

import { A2AClientError } from '../errors.js';
import { safeStringify } from './decode.js';
import { type JsonRpcDialect } from './jsonrpc-codec.js';
import { serviceHeaders } from './service-params.js';

function unwrap<T>(result: ParseResult<T>, raw: unknown, what: string): T {
  if (result.success) return result.data;
  const detail = result.violations
    .slice(0, 5)
    .map((v: FieldViolation) => (v.field ? `${v.field}: ${v.description}` : v.description))
    .join('; ');
  throw new A2AClientError('INVALID_RESPONSE', `The agent's ${what} is invalid: ${detail}`, {
    body: safeStringify(raw),
  });
}

/**
 * The A2A 0.3 JSON-RPC dialect: `category/action` methods, `kind`-tagged shapes, no version
 * header, `X-A2A-Extensions`. Converts to and from the canonical model with the protocol
 * package's 0.3 codec; `tenant` and paging have no 0.3 form and are dropped.
 */
export const jsonRpc03: JsonRpcDialect = {
  protocolVersion: '0.3',
  method: (operation: OperationName) => METHODS[operation].jsonRpc03,
  encodeParams: (operation, params) => encodeParams03(operation, params),
  decodeResult: (operation, result) =>
    unwrap(decodeResult03(operation, result), result, `${operation} result`),
  decodeEvent: (result) => unwrap(decodeStreamEvent03(result), result, 'stream event').event,
  headers: (context) => serviceHeaders('0.3', context.extensions),
};
