import { type OperationName, type OperationParams, type OperationResult } from '@baton/protocol';
import { type A2ARequestHandler, type CallContext } from '@baton/server';

/** The request-handler method of each operation. */
export const HANDLER_METHODS = {
  SendMessage: 'sendMessage',
  SendStreamingMessage: 'sendStreamingMessage',
  GetTask: 'getTask',
  ListTasks: 'listTasks',
  CancelTask: 'cancelTask',
  SubscribeToTask: 'subscribeToTask',
  CreateTaskPushNotificationConfig: 'createTaskPushNotificationConfig',
  GetTaskPushNotificationConfig: 'getTaskPushNotificationConfig',
  ListTaskPushNotificationConfigs: 'listTaskPushNotificationConfigs',
  DeleteTaskPushNotificationConfig: 'deleteTaskPushNotificationConfig',
  GetExtendedAgentCard: 'getExtendedAgentCard',
} as const satisfies Record<OperationName, keyof A2ARequestHandler>;

/** What calling an operation gives: its result, or for a streaming one an async iterable. */
export type InvocationResult<Name extends OperationName> = Name extends
  'SendStreamingMessage' | 'SubscribeToTask'
  ? AsyncIterable<OperationResult<Name>>
  : OperationResult<Name>;

/** Calls the handler method of an operation with canonical params. */
export function invokeOperation<Name extends OperationName>(
  handler: A2ARequestHandler,
  operation: Name,
  params: OperationParams<Name>,
  context: CallContext,
): Promise<InvocationResult<Name>> {
  const method = handler[HANDLER_METHODS[operation]] as (
    params: OperationParams<Name>,
    context: CallContext,
  ) => Promise<InvocationResult<Name>>;
  return method.call(handler, params, context);
}
