import {
  type OperationName,
  type OperationParams,
  type OperationResult,
  type StreamResponse,
} from '@baton/protocol';

import { type A2ARequestHandler, type CallContext } from '../request-handler.js';

/** What calling one operation gives: a result, or a stream of items. */
export type OperationOutcome =
  { kind: 'result'; value: unknown } | { kind: 'stream'; stream: AsyncIterable<StreamResponse> };

type Invoker = (
  handler: A2ARequestHandler,
  params: never,
  context: CallContext,
) => Promise<OperationOutcome>;

const asResult = (value: unknown): OperationOutcome => ({ kind: 'result', value });
const asStream = (stream: AsyncIterable<StreamResponse>): OperationOutcome => ({
  kind: 'stream',
  stream,
});
const result = (value: Promise<unknown>): Promise<OperationOutcome> =>
  Promise.resolve(value).then(asResult);
const stream = (value: Promise<AsyncIterable<StreamResponse>>): Promise<OperationOutcome> =>
  Promise.resolve(value).then(asStream);

function invoker<Name extends OperationName>(
  call: (
    handler: A2ARequestHandler,
    params: OperationParams<Name>,
    context: CallContext,
  ) => Promise<OperationOutcome>,
): Invoker {
  return call;
}

const INVOKERS: { readonly [Name in OperationName]: Invoker } = {
  SendMessage: invoker<'SendMessage'>((h, p, c) => result(h.sendMessage(p, c))),
  SendStreamingMessage: invoker<'SendStreamingMessage'>((h, p, c) =>
    stream(h.sendStreamingMessage(p, c)),
  ),
  GetTask: invoker<'GetTask'>((h, p, c) => result(h.getTask(p, c))),
  ListTasks: invoker<'ListTasks'>((h, p, c) => result(h.listTasks(p, c))),
  CancelTask: invoker<'CancelTask'>((h, p, c) => result(h.cancelTask(p, c))),
  SubscribeToTask: invoker<'SubscribeToTask'>((h, p, c) => stream(h.subscribeToTask(p, c))),
  CreateTaskPushNotificationConfig: invoker<'CreateTaskPushNotificationConfig'>((h, p, c) =>
    result(h.createTaskPushNotificationConfig(p, c)),
  ),
  GetTaskPushNotificationConfig: invoker<'GetTaskPushNotificationConfig'>((h, p, c) =>
    result(h.getTaskPushNotificationConfig(p, c)),
  ),
  ListTaskPushNotificationConfigs: invoker<'ListTaskPushNotificationConfigs'>((h, p, c) =>
    result(h.listTaskPushNotificationConfigs(p, c)),
  ),
  DeleteTaskPushNotificationConfig: invoker<'DeleteTaskPushNotificationConfig'>((h, p, c) =>
    result(h.deleteTaskPushNotificationConfig(p, c)),
  ),
  GetExtendedAgentCard: invoker<'GetExtendedAgentCard'>((h, p, c) =>
    result(h.getExtendedAgentCard(p, c)),
  ),
};

/** Calls the handler method of an operation with its canonical params. */
export function invokeOperation<Name extends OperationName>(
  handler: A2ARequestHandler,
  operation: Name,
  params: OperationParams<Name>,
  context: CallContext,
): Promise<OperationOutcome> {
  return INVOKERS[operation](handler, params as never, context);
}

/** The canonical result type of an operation, for encoders. */
export type AnyOperationResult = OperationResult<OperationName>;
