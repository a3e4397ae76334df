import { z } from 'zod';

import { type AgentCard, AgentCardSchema } from './agent-card.js';
import { type OperationName } from './methods.js';
import {
  type CancelTaskRequest,
  CancelTaskRequestSchema,
  type DeleteTaskPushNotificationConfigRequest,
  DeleteTaskPushNotificationConfigRequestSchema,
  type Empty,
  type GetExtendedAgentCardRequest,
  GetExtendedAgentCardRequestSchema,
  type GetTaskPushNotificationConfigRequest,
  GetTaskPushNotificationConfigRequestSchema,
  type GetTaskRequest,
  GetTaskRequestSchema,
  type ListTaskPushNotificationConfigsRequest,
  ListTaskPushNotificationConfigsRequestSchema,
  type ListTaskPushNotificationConfigsResponse,
  ListTaskPushNotificationConfigsResponseSchema,
  type ListTasksRequest,
  ListTasksRequestSchema,
  type ListTasksResponse,
  ListTasksResponseSchema,
  type SendMessageRequest,
  SendMessageRequestSchema,
  type SendMessageResponse,
  SendMessageResponseSchema,
  type SubscribeToTaskRequest,
  SubscribeToTaskRequestSchema,
} from './operations.js';
import {
  type CreateTaskPushNotificationConfigRequest,
  CreateTaskPushNotificationConfigRequestSchema,
  type TaskPushNotificationConfig,
  TaskPushNotificationConfigSchema,
} from './push-config.js';
import { type StreamResponse, StreamResponseSchema } from './stream-response.js';
import { type Task, TaskSchema } from './task.js';

/**
 * The canonical (1.0) params and result of every operation. For streaming operations `result`
 * is the type of one stream item.
 */
export interface OperationTypes {
  SendMessage: { params: SendMessageRequest; result: SendMessageResponse };
  SendStreamingMessage: { params: SendMessageRequest; result: StreamResponse };
  GetTask: { params: GetTaskRequest; result: Task };
  ListTasks: { params: ListTasksRequest; result: ListTasksResponse };
  CancelTask: { params: CancelTaskRequest; result: Task };
  SubscribeToTask: { params: SubscribeToTaskRequest; result: StreamResponse };
  CreateTaskPushNotificationConfig: {
    params: CreateTaskPushNotificationConfigRequest;
    result: TaskPushNotificationConfig;
  };
  GetTaskPushNotificationConfig: {
    params: GetTaskPushNotificationConfigRequest;
    result: TaskPushNotificationConfig;
  };
  ListTaskPushNotificationConfigs: {
    params: ListTaskPushNotificationConfigsRequest;
    result: ListTaskPushNotificationConfigsResponse;
  };
  DeleteTaskPushNotificationConfig: {
    params: DeleteTaskPushNotificationConfigRequest;
    result: Empty;
  };
  GetExtendedAgentCard: { params: GetExtendedAgentCardRequest; result: AgentCard };
}

/** The canonical params of an operation. */
export type OperationParams<Name extends OperationName> = OperationTypes[Name]['params'];
/** The canonical result (or stream item) of an operation. */
export type OperationResult<Name extends OperationName> = OperationTypes[Name]['result'];

const EmptySchema = z.object({}) as unknown as z.ZodType<Empty, unknown>;

/** The zod schemas of every operation's canonical params and result (stream item). */
export const OPERATION_SCHEMAS: {
  readonly [Name in OperationName]: {
    params: z.ZodType<OperationParams<Name>, unknown>;
    result: z.ZodType<OperationResult<Name>, unknown>;
  };
} = {
  SendMessage: { params: SendMessageRequestSchema, result: SendMessageResponseSchema },
  SendStreamingMessage: { params: SendMessageRequestSchema, result: StreamResponseSchema },
  GetTask: { params: GetTaskRequestSchema, result: TaskSchema },
  ListTasks: { params: ListTasksRequestSchema, result: ListTasksResponseSchema },
  CancelTask: { params: CancelTaskRequestSchema, result: TaskSchema },
  SubscribeToTask: { params: SubscribeToTaskRequestSchema, result: StreamResponseSchema },
  CreateTaskPushNotificationConfig: {
    params: CreateTaskPushNotificationConfigRequestSchema,
    result: TaskPushNotificationConfigSchema,
  },
  GetTaskPushNotificationConfig: {
    params: GetTaskPushNotificationConfigRequestSchema,
    result: TaskPushNotificationConfigSchema,
  },
  ListTaskPushNotificationConfigs: {
    params: ListTaskPushNotificationConfigsRequestSchema,
    result: ListTaskPushNotificationConfigsResponseSchema,
  },
  DeleteTaskPushNotificationConfig: {
    params: DeleteTaskPushNotificationConfigRequestSchema,
    result: EmptySchema,
  },
  GetExtendedAgentCard: { params: GetExtendedAgentCardRequestSchema, result: AgentCardSchema },
};
