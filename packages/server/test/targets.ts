import {
  type A2AError,
  decodeResult03,
  decodeStreamEvent03,
  encodeParams03,
  errorFromJsonRpc,
  type JsonRpcResponse,
  METHODS,
  OPERATION_SCHEMAS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  parseProtocol,
  type StreamResponse,
} from '@baton/protocol';

import {
  type CallContext,
  createJsonRpcDispatcher,
  type DefaultRequestHandler,
  type DispatchResult,
  sequenceOf,
  silentLogger,
} from '../src/index.js';

/** An operation answered with one result. */
export type UnaryOperation = Exclude<OperationName, 'SendStreamingMessage' | 'SubscribeToTask'>;
/** An operation answered with a stream. */
export type StreamOperation = 'SendStreamingMessage' | 'SubscribeToTask';

/** One stream item as a client sees it: the canonical event, its seq, and 0.3's `final` flag. */
export interface ClientStreamItem {
  event: StreamResponse;
  seq?: number | undefined;
  final?: boolean | undefined;
}

/**
 * One way of reaching a handler: directly, or through the JSON-RPC dispatcher in a dialect. Every
 * target takes canonical params and gives canonical results, so one test body runs on all.
 */
export interface Target {
  readonly name: 'handler' | 'jsonrpc 1.0' | 'jsonrpc 0.3';
  readonly version: '1.0' | '0.3';
  call<Name extends UnaryOperation>(
    operation: Name,
    params: OperationParams<Name>,
    context?: CallContext,
  ): Promise<OperationResult<Name>>;
  stream(
    operation: StreamOperation,
    params: OperationParams<StreamOperation>,
    context?: CallContext,
  ): Promise<AsyncIterable<ClientStreamItem>>;
}

/** The handler itself, as transports call it. */
export function handlerTarget(handler: DefaultRequestHandler): Target {
  const methods = {
    SendMessage: handler.sendMessage,
    GetTask: handler.getTask,
    ListTasks: handler.listTasks,
    CancelTask: handler.cancelTask,
    CreateTaskPushNotificationConfig: handler.createTaskPushNotificationConfig,
    GetTaskPushNotificationConfig: handler.getTaskPushNotificationConfig,
    ListTaskPushNotificationConfigs: handler.listTaskPushNotificationConfigs,
    DeleteTaskPushNotificationConfig: handler.deleteTaskPushNotificationConfig,
    GetExtendedAgentCard: handler.getExtendedAgentCard,
  } as const;
  return {
    name: 'handler',
    version: '1.0',
    call: (operation, params, context) =>
      (methods[operation] as (p: unknown, c?: CallContext) => Promise<never>).call(
        handler,
        params,
        context,
      ),
    async stream(operation, params, context) {
      const stream =
        operation === 'SendStreamingMessage'
          ? await handler.sendStreamingMessage(params as OperationParams<'SendMessage'>, context)
          : await handler.subscribeToTask(params as OperationParams<'SubscribeToTask'>, context);
      return mapIterable(stream, (event) => ({ event, seq: sequenceOf(event) }));
    },
  };
}

let nextId = 1;

/** Goes through `createJsonRpcDispatcher` with JSON on both sides, in the 1.0 or 0.3 dialect. */
export function jsonRpcTarget(handler: DefaultRequestHandler, version: '1.0' | '0.3'): Target {
  const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
  const request = (operation: OperationName, params: unknown) => {
    const method = version === '1.0' ? operation : METHODS[operation].jsonRpc03;
    if (!method) throw new Error(`${operation} has no 0.3 method`);
    const wire =
      version === '1.0'
        ? params
        : encodeParams03(operation, params as OperationParams<OperationName>);
    const body = { jsonrpc: '2.0', id: nextId++, method, params: wire };
    return JSON.parse(JSON.stringify(body)) as unknown;
  };
  const unwrap = (body: JsonRpcResponse): unknown => {
    const json = JSON.parse(JSON.stringify(body)) as JsonRpcResponse;
    if ('error' in json) throw errorFromJsonRpc(json.error);
    return json.result;
  };
  const decode = <Name extends OperationName>(
    operation: Name,
    raw: unknown,
  ): OperationResult<Name> => {
    const parsed =
      version === '1.0'
        ? parseProtocol(OPERATION_SCHEMAS[operation].result, raw)
        : decodeResult03(operation, raw);
    if (!parsed.success) {
      throw new Error(`${operation} result does not parse: ${JSON.stringify(parsed.violations)}`);
    }
    return parsed.data;
  };
  const context = (extra?: CallContext): CallContext => ({ protocolVersion: version, ...extra });
  return {
    name: version === '1.0' ? 'jsonrpc 1.0' : 'jsonrpc 0.3',
    version,
    async call(operation, params, extra) {
      const result = await dispatcher.dispatch(request(operation, params), context(extra));
      if (result.kind !== 'response') throw new Error(`expected a response, got ${result.kind}`);
      return decode(operation, unwrap(result.body));
    },
    async stream(operation, params, extra) {
      const result: DispatchResult = await dispatcher.dispatch(
        request(operation, params),
        context(extra),
      );
      if (result.kind === 'response') {
        unwrap(result.body);
        throw new Error('expected a stream, got a result');
      }
      if (result.kind !== 'stream') throw new Error('expected a stream');
      return mapIterable(result.events, ({ seq, body }) => {
        const raw = unwrap(body);
        if (version === '1.0') return { event: decode(operation, raw), seq };
        const parsed = decodeStreamEvent03(raw);
        if (!parsed.success) throw new Error(`bad 0.3 event: ${JSON.stringify(parsed.violations)}`);
        const final = (raw as { final?: boolean }).final;
        return { event: parsed.data.event, seq, final };
      });
    },
  };
}

/** Maps an async iterable lazily, keeping `return()` working. */
export function mapIterable<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncIterable<U> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      return {
        async next() {
          const step = await iterator.next();
          return step.done
            ? { done: true, value: undefined }
            : { done: false, value: map(step.value) };
        },
        async return() {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The three ways to reach a handler. */
export function allTargets(handler: DefaultRequestHandler): Target[] {
  return [handlerTarget(handler), jsonRpcTarget(handler, '1.0'), jsonRpcTarget(handler, '0.3')];
}

/** The targets that have ListTasks (0.3 JSON-RPC has no such method). */
export const TARGET_NAMES = ['handler', 'jsonrpc 1.0', 'jsonrpc 0.3'] as const;

/** Runs `promise` and returns the A2A error it rejects with (fails if it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<A2AError> {
  try {
    await promise;
  } catch (error) {
    return error as A2AError;
  }
  throw new Error('expected an error');
}
