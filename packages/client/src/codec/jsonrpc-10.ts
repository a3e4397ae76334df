import { OPERATION_SCHEMAS, type OperationName, StreamResponseSchema } from '@baton/protocol';

import { type EncodeContext } from './codec.js';
import { parseAnswer, withProtoDefaults } from './decode.js';
import { type JsonRpcDialect } from './jsonrpc-codec.js';
import { serviceHeaders, withTenant } from './service-params.js';

/** The A2A 1.0 JSON-RPC dialect: PascalCase methods, canonical shapes, `A2A-Version: 1.0`. */
export const jsonRpc10: JsonRpcDialect = {
  protocolVersion: '1.0',
  method: (operation: OperationName) => operation,
  encodeParams: (_operation, params, context: EncodeContext) => withTenant(params, context.tenant),
  decodeResult(operation, result) {
    // google.protobuf.Empty: some servers send null instead of {}.
    const value = operation === 'DeleteTaskPushNotificationConfig' && result == null ? {} : result;
    return parseAnswer(
      OPERATION_SCHEMAS[operation].result,
      withProtoDefaults(operation, value),
      `${operation} result`,
    );
  },
  decodeEvent: (result) => parseAnswer(StreamResponseSchema, result, 'stream event'),
  headers: (context) => serviceHeaders('1.0', context.extensions),
};
