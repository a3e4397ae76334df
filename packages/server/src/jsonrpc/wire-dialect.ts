import {
  type A2AError,
  decodeParams03,
  deriveFinal03,
  encodeResult03,
  encodeStreamEvent03,
  type ErrorMappingVariant,
  InvalidParamsError,
  jsonRpcError,
  type JsonRpcErrorResponse,
  type JsonRpcId,
  OPERATION_SCHEMAS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  parseProtocol,
  type ParseResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

/** How one protocol version puts params, results, stream items and errors on the JSON-RPC wire. */
export interface WireDialect {
  readonly version: ProtocolVersion;
  /** Validates wire params and returns canonical ones; throws `InvalidParamsError`. */
  decodeParams<Name extends OperationName>(operation: Name, params: unknown): OperationParams<Name>;
  /** A canonical result as the wire `result`. */
  encodeResult<Name extends OperationName>(operation: Name, result: OperationResult<Name>): unknown;
  /** One canonical stream item as the wire `result`. */
  encodeStreamItem(item: StreamResponse): unknown;
  /** An error response in this dialect. */
  error(id: JsonRpcId, error: A2AError, variant: ErrorMappingVariant): JsonRpcErrorResponse;
}

function valid<T>(operation: OperationName, parsed: ParseResult<T>): T {
  if (parsed.success) return parsed.data;
  const fields = parsed.violations.map((v) =>
    v.field ? `${v.field}: ${v.description}` : v.description,
  );
  throw new InvalidParamsError(`Invalid params for ${operation}: ${fields.join('; ')}`, {
    fieldViolations: parsed.violations,
  });
}

/** A2A 1.0: ProtoJSON params and results, StreamResponse items, ErrorInfo details in errors. */
export const DIALECT_10: WireDialect = {
  version: '1.0',
  decodeParams(operation, params) {
    return valid(operation, parseProtocol(OPERATION_SCHEMAS[operation].params, params ?? {}));
  },
  encodeResult: (_operation, result) => result,
  encodeStreamItem: (item) => item,
  error: (id, error, variant) => jsonRpcError(id, error, '1.0', variant),
};

/**
 * A2A 0.3: the 0.3 shapes (`kind`, lower-case enums, bare results) through the protocol's dialect
 * converters; `final: true` on the status update that ends a stream; plain error objects.
 */
export const DIALECT_03: WireDialect = {
  version: '0.3',
  decodeParams(operation, params) {
    return valid(operation, decodeParams03(operation, params));
  },
  encodeResult: (operation, result) => encodeResult03(operation, result),
  encodeStreamItem: (item) => encodeStreamEvent03(item, deriveFinal03(item)),
  error: (id, error) => jsonRpcError(id, error, '0.3'),
};
