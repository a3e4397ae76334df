import {
  type A2AError,
  DEFAULT_ERROR_MAPPING_VARIANT,
  type JsonRpcId,
  jsonRpcSuccess,
  methodByJsonRpcName,
  MethodNotFoundError,
  METHODS,
  type OperationName,
  ParseError,
  parseJsonRpcRequest,
  type ProtocolVersion,
  toA2AError,
} from '@baton/protocol';

import { consoleLogger, errorMessage } from '../logger.js';
import { type A2ARequestHandler, type CallContext } from '../request-handler.js';
import { readResumeAfter } from '../resume-after.js';
import { withExtensionParams } from '../task-search.js';
import {
  type DispatchResult,
  type JsonRpcDispatcher,
  type JsonRpcDispatcherOptions,
} from './dispatch-result.js';
import { invokeOperation } from './invoke-operation.js';
import { encodeStream } from './stream-responses.js';
import { DIALECT_03, DIALECT_10, type WireDialect } from './wire-dialect.js';

/** Finds the operation and dialect of a method name: 1.0 PascalCase names, or 0.3 names. */
function resolveMethod(
  method: string,
): { operation: OperationName; dialect: WireDialect } | undefined {
  if (Object.hasOwn(METHODS, method))
    return { operation: method as OperationName, dialect: DIALECT_10 };
  const info = methodByJsonRpcName(method, '0.3');
  return info ? { operation: info.name, dialect: DIALECT_03 } : undefined;
}

/**
 * The handler's context for a call: the transport's own object when it already names the
 * dialect's version (its properties, lazy getters included, are not read here), else a copy
 * that does; SubscribeToTask without a transport-level resume point reads it from the params.
 */
function contextFor(
  context: CallContext,
  version: ProtocolVersion,
  operation: OperationName,
  params: unknown,
): CallContext {
  const resume = operation === 'SubscribeToTask' && context.resumeAfter === undefined;
  if (context.protocolVersion === version && !resume) return context;
  const copy: CallContext = { ...context, protocolVersion: version };
  // A transport's context may be a class with a `signal` getter, which a spread does not copy;
  // it may also make the signal on first read, so the copy forwards reads instead of reading.
  if ('signal' in context) {
    Object.defineProperty(copy, 'signal', {
      get: () => context.signal,
      enumerable: true,
      configurable: true,
    });
  }
  if (resume) copy.resumeAfter = readResumeAfter(params);
  return copy;
}

/**
 * Creates the JSON-RPC 2.0 dispatcher of a request handler, for any transport. The method name
 * picks the wire dialect: 1.0 names (`SendMessage`) get 1.0 shapes, 0.3 names (`message/send`)
 * the 0.3 shapes, and the handler runs with that version's semantics. Params are validated with
 * the protocol schemas (InvalidParams with field violations); every failure becomes the JSON-RPC
 * error of that dialect with the request id echoed (null when unreadable); a failure after a
 * stream opened becomes its last item. Batches are refused; notifications get no answer.
 * @example
 * const dispatcher = createJsonRpcDispatcher(handler);
 * const result = await dispatcher.dispatch(await request.json(), { caller, protocolVersion: '1.0' });
 * if (result.kind === 'response') return Response.json(result.body);
 */
export function createJsonRpcDispatcher(
  handler: A2ARequestHandler,
  options: JsonRpcDispatcherOptions = {},
): JsonRpcDispatcher {
  const variant = options.errorMapping ?? DEFAULT_ERROR_MAPPING_VARIANT;
  const logger = options.logger ?? consoleLogger;

  const fallbackDialect = (context: CallContext) =>
    context.protocolVersion === '0.3' ? DIALECT_03 : DIALECT_10;

  const failure = (id: JsonRpcId, thrown: unknown, dialect: WireDialect): DispatchResult => {
    const error: A2AError = toA2AError(thrown);
    if (error !== thrown) {
      logger.error('unexpected error in a JSON-RPC call', { error: errorMessage(thrown) });
    }
    return { kind: 'response', body: dialect.error(id, error, variant) };
  };

  async function dispatch(body: unknown, context: CallContext = {}): Promise<DispatchResult> {
    const parsed = parseJsonRpcRequest(body);
    if (!parsed.ok) return failure(parsed.id, parsed.error, fallbackDialect(context));
    const { request } = parsed;
    const notification = request.id === undefined;
    const id: JsonRpcId = request.id ?? null;
    const resolved = resolveMethod(request.method);
    if (!resolved) {
      if (notification) return { kind: 'none' };
      const error = new MethodNotFoundError(`Method ${request.method} is not supported`);
      return failure(id, error, fallbackDialect(context));
    }
    const { operation, dialect } = resolved;
    const streaming = METHODS[operation].streaming;
    // A notification has nobody to stream to: streaming notifications are not run at all.
    if (notification && streaming) return { kind: 'none' };
    try {
      const decoded = dialect.decodeParams(operation, request.params);
      const params = withExtensionParams(operation, decoded, request.params);
      const callContext = contextFor(context, dialect.version, operation, request.params);
      const outcome = await invokeOperation(handler, operation, params, callContext);
      if (notification) return { kind: 'none' };
      if (outcome.kind === 'stream') {
        return {
          kind: 'stream',
          events: encodeStream(outcome.stream, id, dialect, variant, logger),
        };
      }
      const result = dialect.encodeResult(operation, outcome.value as never);
      return { kind: 'response', body: jsonRpcSuccess(id, result) };
    } catch (error) {
      if (notification) return { kind: 'none' };
      return failure(id, error, dialect);
    }
  }

  async function dispatchText(text: string, context: CallContext = {}): Promise<DispatchResult> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      return failure(null, new ParseError(undefined, { cause }), fallbackDialect(context));
    }
    return dispatch(body, context);
  }

  return { dispatch, dispatchText };
}
