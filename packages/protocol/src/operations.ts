import { z } from 'zod';

import { type Message, MessageSchema } from './message.js';
import {
  int32,
  type JsonObject,
  protoMessage,
  requiredString,
  struct,
  timestamp,
} from './proto-json.js';
import {
  type TaskPushNotificationConfig,
  TaskPushNotificationConfigSchema,
} from './push-config.js';
import { type Task, TaskSchema } from './task.js';
import { type TaskState, TaskStateSchema } from './task-state.js';

const historyLength = int32.pipe(z.number().min(0, 'historyLength must not be negative'));

/** Options of a SendMessage call (spec §3.2.2 SendMessageConfiguration). */
export const SendMessageConfigurationSchema = protoMessage({
  acceptedOutputModes: z.array(z.string()).optional(),
  taskPushNotificationConfig: TaskPushNotificationConfigSchema.optional(),
  historyLength: historyLength.optional(),
  returnImmediately: z.boolean().optional(),
});

/** Options of a SendMessage call (spec §3.2.2 SendMessageConfiguration). */
export interface SendMessageConfiguration {
  acceptedOutputModes?: string[] | undefined;
  taskPushNotificationConfig?: TaskPushNotificationConfig | undefined;
  historyLength?: number | undefined;
  /** `false` (default) waits for a terminal or interrupted state; `true` returns at once. */
  returnImmediately?: boolean | undefined;
}

/** Params of SendMessage and SendStreamingMessage (spec §3.1.1, §3.1.2). */
export const SendMessageRequestSchema = protoMessage({
  tenant: z.string().optional(),
  message: MessageSchema,
  configuration: SendMessageConfigurationSchema.optional(),
  metadata: struct.optional(),
}) as unknown as z.ZodType<SendMessageRequest, unknown>;

/** Params of SendMessage and SendStreamingMessage (spec §3.1.1, §3.1.2). */
export interface SendMessageRequest {
  tenant?: string | undefined;
  message: Message;
  configuration?: SendMessageConfiguration | undefined;
  metadata?: JsonObject | undefined;
}

/** Result of SendMessage: a task or a direct message (spec §3.1.1 SendMessageResponse). */
export const SendMessageResponseSchema = protoMessage({
  task: TaskSchema.optional(),
  message: MessageSchema.optional(),
}).superRefine((value, ctx) => {
  if ((value.task === undefined) === (value.message === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'must have exactly one of task or message' });
  }
}) as unknown as z.ZodType<SendMessageResponse, unknown>;

/** Result of SendMessage: a task or a direct message (spec §3.1.1 SendMessageResponse). */
export type SendMessageResponse =
  { task: Task; message?: undefined } | { message: Message; task?: undefined };

/** Params of GetTask (spec §3.1.3). */
export const GetTaskRequestSchema = protoMessage({
  tenant: z.string().optional(),
  id: requiredString,
  historyLength: historyLength.optional(),
});
/** Params of GetTask (spec §3.1.3). */
export type GetTaskRequest = z.infer<typeof GetTaskRequestSchema>;

/** The largest ListTasks page; also the bound for push-config listing. */
export const MAX_PAGE_SIZE = 100;
/** The ListTasks page size when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 50;

const pageSize = int32.pipe(
  z
    .number()
    .min(1, 'pageSize must be at least 1')
    .max(MAX_PAGE_SIZE, `pageSize must be at most ${MAX_PAGE_SIZE}`),
);

/** Params of ListTasks: filters and cursor pagination (spec §3.1.4). */
export const ListTasksRequestSchema = protoMessage({
  tenant: z.string().optional(),
  contextId: z.string().optional(),
  status: TaskStateSchema.optional(),
  pageSize: pageSize.optional(),
  pageToken: z.string().optional(),
  historyLength: historyLength.optional(),
  statusTimestampAfter: timestamp.optional(),
  includeArtifacts: z.boolean().optional(),
});
/** Params of ListTasks (spec §3.1.4). */
export interface ListTasksRequest {
  tenant?: string | undefined;
  contextId?: string | undefined;
  status?: TaskState | undefined;
  pageSize?: number | undefined;
  pageToken?: string | undefined;
  historyLength?: number | undefined;
  statusTimestampAfter?: string | undefined;
  includeArtifacts?: boolean | undefined;
}

/** Result of ListTasks; all four fields are always present (spec §3.1.4 ListTasksResponse). */
export const ListTasksResponseSchema = protoMessage({
  tasks: z.array(TaskSchema),
  nextPageToken: z.string(),
  pageSize: int32,
  totalSize: int32,
});
/** Result of ListTasks (spec §3.1.4 ListTasksResponse). */
export interface ListTasksResponse {
  tasks: Task[];
  /** Empty on the last page. */
  nextPageToken: string;
  pageSize: number;
  totalSize: number;
}

/** Params of CancelTask (spec §3.1.5). */
export const CancelTaskRequestSchema = protoMessage({
  tenant: z.string().optional(),
  id: requiredString,
  metadata: struct.optional(),
});
/** Params of CancelTask (spec §3.1.5). */
export type CancelTaskRequest = z.infer<typeof CancelTaskRequestSchema>;

/** Params of SubscribeToTask (spec §3.1.6). */
export const SubscribeToTaskRequestSchema = protoMessage({
  tenant: z.string().optional(),
  id: requiredString,
});
/** Params of SubscribeToTask (spec §3.1.6). */
export type SubscribeToTaskRequest = z.infer<typeof SubscribeToTaskRequestSchema>;

/** Params of GetTaskPushNotificationConfig (spec §3.1.8). */
export const GetTaskPushNotificationConfigRequestSchema = protoMessage({
  tenant: z.string().optional(),
  taskId: requiredString,
  id: requiredString,
});
/** Params of GetTaskPushNotificationConfig (spec §3.1.8). */
export type GetTaskPushNotificationConfigRequest = z.infer<
  typeof GetTaskPushNotificationConfigRequestSchema
>;

/** Params of ListTaskPushNotificationConfigs (spec §3.1.9). */
export const ListTaskPushNotificationConfigsRequestSchema = protoMessage({
  tenant: z.string().optional(),
  taskId: requiredString,
  pageSize: pageSize.optional(),
  pageToken: z.string().optional(),
});
/** Params of ListTaskPushNotificationConfigs (spec §3.1.9). */
export type ListTaskPushNotificationConfigsRequest = z.infer<
  typeof ListTaskPushNotificationConfigsRequestSchema
>;

/** Result of ListTaskPushNotificationConfigs (spec §3.1.9). */
export const ListTaskPushNotificationConfigsResponseSchema = protoMessage({
  configs: z.array(TaskPushNotificationConfigSchema),
  nextPageToken: z.string(),
});
/** Result of ListTaskPushNotificationConfigs (spec §3.1.9). */
export interface ListTaskPushNotificationConfigsResponse {
  configs: TaskPushNotificationConfig[];
  nextPageToken: string;
}

/** Params of DeleteTaskPushNotificationConfig (spec §3.1.10). */
export const DeleteTaskPushNotificationConfigRequestSchema =
  GetTaskPushNotificationConfigRequestSchema;
/** Params of DeleteTaskPushNotificationConfig (spec §3.1.10). */
export type DeleteTaskPushNotificationConfigRequest = GetTaskPushNotificationConfigRequest;

/** Params of GetExtendedAgentCard; may be omitted entirely (spec §3.1.11). */
export const GetExtendedAgentCardRequestSchema = z.preprocess(
  (input) => input ?? {},
  protoMessage({ tenant: z.string().optional() }),
);
/** Params of GetExtendedAgentCard (spec §3.1.11). */
export type GetExtendedAgentCardRequest = z.infer<typeof GetExtendedAgentCardRequestSchema>;

/** Result of DeleteTaskPushNotificationConfig: google.protobuf.Empty, `{}` in JSON. */
export type Empty = Record<string, never>;
