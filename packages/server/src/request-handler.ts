import {
  type AgentCard,
  type CancelTaskRequest,
  type CreateTaskPushNotificationConfigRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type Empty,
  type GetExtendedAgentCardRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksResponse,
  type ProtocolVersion,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
} from '@baton/protocol';

import { type Caller } from './caller.js';
import { type SearchableListTasksRequest } from './task-search.js';

/** Per-call context every transport passes to the handler. */
export interface CallContext {
  /** Aborts the call: a stream closes, a blocking wait stops (the task goes on). */
  signal?: AbortSignal | undefined;
  /** The authenticated caller; anonymous when absent. */
  caller?: Caller | undefined;
  /** The tenant from the URL or interface; params' `tenant` is used when this is absent. */
  tenant?: string | undefined;
  /** Extension URIs the client asked for (`A2A-Extensions`). */
  requestedExtensions?: readonly string[] | undefined;
  /** The dialect the caller speaks; semantics that differ by version follow it. */
  protocolVersion?: ProtocolVersion | undefined;
  /**
   * Resume a stream after this event sequence number (SSE `Last-Event-ID`): missed events come
   * from the log instead of the task snapshot. A Baton extension.
   */
  resumeAfter?: number | undefined;
}

/**
 * One method per A2A operation, on canonical (1.0) params; every transport calls these and only
 * frames the answers. Streaming methods return async iterables whose items carry their event
 * sequence number (`sequenceOf(item)`). Errors are thrown as `A2AError`s.
 */
export interface A2ARequestHandler {
  /** The public agent card (without the interfaces a transport adds). */
  readonly agentCard: AgentCard;
  sendMessage(params: SendMessageRequest, context?: CallContext): Promise<SendMessageResponse>;
  sendStreamingMessage(
    params: SendMessageRequest,
    context?: CallContext,
  ): Promise<AsyncIterable<StreamResponse>>;
  getTask(params: GetTaskRequest, context?: CallContext): Promise<Task>;
  /** ListTasks; `params.query` is Baton's task-search extension parameter. */
  listTasks(params: SearchableListTasksRequest, context?: CallContext): Promise<ListTasksResponse>;
  cancelTask(params: CancelTaskRequest, context?: CallContext): Promise<Task>;
  subscribeToTask(
    params: SubscribeToTaskRequest,
    context?: CallContext,
  ): Promise<AsyncIterable<StreamResponse>>;
  createTaskPushNotificationConfig(
    params: CreateTaskPushNotificationConfigRequest,
    context?: CallContext,
  ): Promise<TaskPushNotificationConfig>;
  getTaskPushNotificationConfig(
    params: GetTaskPushNotificationConfigRequest,
    context?: CallContext,
  ): Promise<TaskPushNotificationConfig>;
  listTaskPushNotificationConfigs(
    params: ListTaskPushNotificationConfigsRequest,
    context?: CallContext,
  ): Promise<ListTaskPushNotificationConfigsResponse>;
  deleteTaskPushNotificationConfig(
    params: DeleteTaskPushNotificationConfigRequest,
    context?: CallContext,
  ): Promise<Empty>;
  getExtendedAgentCard(
    params: GetExtendedAgentCardRequest,
    context?: CallContext,
  ): Promise<AgentCard>;
}
