import { z } from 'zod';

import {
  type CancelTaskRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTasksRequest,
  MAX_PAGE_SIZE,
  type SendMessageConfiguration,
  type SendMessageRequest,
  type SubscribeToTaskRequest,
} from '../operations.js';
import { int32, requiredString, struct } from '../proto-json.js';
import { compact, isJsonObject, timestamp03, timestampFrom03 } from './v03-common.js';
import { TaskState03Schema, taskStateFrom03, taskStateTo03 } from './v03-enums.js';
import { Message03Schema, messageFrom03, messageTo03 } from './v03-message.js';
import { pushConfigFrom03, pushConfigTo03, PushNotificationConfig03Schema } from './v03-push.js';

const historyLength = int32.pipe(z.number().min(0, 'historyLength must not be negative'));

/** Options of `message/send` and `message/stream` (spec 0.3 §7.1.1 MessageSendConfiguration). */
export const MessageSendConfiguration03Schema = z.object({
  acceptedOutputModes: z.array(z.string()).optional(),
  historyLength: historyLength.optional(),
  pushNotificationConfig: PushNotificationConfig03Schema.optional(),
  blocking: z.boolean().optional(),
});
/** Options of `message/send` and `message/stream` (spec 0.3 §7.1.1). */
export type MessageSendConfiguration03 = z.infer<typeof MessageSendConfiguration03Schema>;

/** Params of `message/send` and `message/stream` (spec 0.3 §7.1.1 MessageSendParams). */
export const MessageSendParams03Schema = z.object({
  message: Message03Schema,
  configuration: MessageSendConfiguration03Schema.optional(),
  metadata: struct.optional(),
});
/** Params of `message/send` and `message/stream` (spec 0.3 §7.1.1 MessageSendParams). */
export type MessageSendParams03 = z.infer<typeof MessageSendParams03Schema>;

/** A task id and optional metadata: `tasks/cancel`, `tasks/resubscribe`, push list (§7.4.1). */
export const TaskIdParams03Schema = z.object({ id: requiredString, metadata: struct.optional() });
/** A task id and optional metadata (spec 0.3 §7.4.1 TaskIdParams). */
export type TaskIdParams03 = z.infer<typeof TaskIdParams03Schema>;

/** Params of `tasks/get` (spec 0.3 §7.3.1 TaskQueryParams). */
export const TaskQueryParams03Schema = TaskIdParams03Schema.extend({
  historyLength: historyLength.optional(),
});
/** Params of `tasks/get` (spec 0.3 §7.3.1 TaskQueryParams). */
export type TaskQueryParams03 = z.infer<typeof TaskQueryParams03Schema>;

/**
 * Params of `tasks/pushNotificationConfig/get` (spec 0.3 §7.6.1). The config id is optional: the
 * deprecated bare `{id}` form asks for the task's first config.
 */
export const GetTaskPushNotificationConfigParams03Schema = TaskIdParams03Schema.extend({
  pushNotificationConfigId: z.string().optional(),
});
/** Params of `tasks/pushNotificationConfig/get` (spec 0.3 §7.6.1). */
export type GetTaskPushNotificationConfigParams03 = z.infer<
  typeof GetTaskPushNotificationConfigParams03Schema
>;

/** Params of `tasks/pushNotificationConfig/list` (spec 0.3 §7.7.1): the task id. */
export const ListTaskPushNotificationConfigParams03Schema = TaskIdParams03Schema;
/** Params of `tasks/pushNotificationConfig/list` (spec 0.3 §7.7.1). */
export type ListTaskPushNotificationConfigParams03 = TaskIdParams03;

/** Params of `tasks/pushNotificationConfig/delete` (spec 0.3 §7.8.1). */
export const DeleteTaskPushNotificationConfigParams03Schema = TaskIdParams03Schema.extend({
  pushNotificationConfigId: requiredString,
});
/** Params of `tasks/pushNotificationConfig/delete` (spec 0.3 §7.8.1). */
export type DeleteTaskPushNotificationConfigParams03 = z.infer<
  typeof DeleteTaskPushNotificationConfigParams03Schema
>;

/**
 * Params of 0.3 `GET /v1/tasks`. 0.3 gives that route no parameters; Baton reads the 1.0
 * ListTasks filters under their 1.0 names, with `status` as a 0.3 state (`working`).
 */
export const ListTasksParams03Schema = z.preprocess(
  (input) => input ?? {},
  z.object({
    contextId: z.string().optional(),
    status: TaskState03Schema.optional(),
    pageSize: int32
      .pipe(z.number().min(1, 'pageSize must be at least 1').max(MAX_PAGE_SIZE))
      .optional(),
    pageToken: z.string().optional(),
    historyLength: historyLength.optional(),
    statusTimestampAfter: timestamp03.optional(),
    includeArtifacts: z.boolean().optional(),
  }),
);
/** Params of 0.3 `GET /v1/tasks` as Baton reads them. */
export type ListTasksParams03 = z.infer<typeof ListTasksParams03Schema>;

/** `agent/getAuthenticatedExtendedCard` takes no params: absent, null or any object is accepted. */
export const GetAuthenticatedExtendedCardParams03Schema = z
  .unknown()
  .refine((input) => input == null || isJsonObject(input), 'must be an object or absent')
  .transform((): undefined => undefined);

/**
 * A 0.3 historyLength as 1.0: 0 meant "no limit" for 0.3 SDKs but "no history" in 1.0, so 0.3's
 * 0 becomes unset (the server default).
 */
export function historyLengthFrom03(value: number | undefined): number | undefined {
  return value === 0 ? undefined : value;
}

/** 0.3 send options as 1.0: `blocking: false` -> `returnImmediately: true`, unset stays unset. */
export function sendConfigurationFrom03(
  config: MessageSendConfiguration03,
): SendMessageConfiguration {
  return compact<SendMessageConfiguration>({
    acceptedOutputModes: config.acceptedOutputModes,
    taskPushNotificationConfig:
      config.pushNotificationConfig === undefined
        ? undefined
        : pushConfigFrom03(config.pushNotificationConfig),
    historyLength: historyLengthFrom03(config.historyLength),
    returnImmediately: config.blocking === undefined ? undefined : !config.blocking,
  });
}

/** 1.0 send options as 0.3: `returnImmediately` -> `blocking` inverted, unset stays unset. */
export function sendConfigurationTo03(
  config: SendMessageConfiguration,
): MessageSendConfiguration03 {
  return compact<MessageSendConfiguration03>({
    acceptedOutputModes: config.acceptedOutputModes,
    historyLength: config.historyLength,
    pushNotificationConfig:
      config.taskPushNotificationConfig === undefined
        ? undefined
        : pushConfigTo03(config.taskPushNotificationConfig),
    blocking: config.returnImmediately === undefined ? undefined : !config.returnImmediately,
  });
}

/** 0.3 MessageSendParams as a 1.0 SendMessageRequest. */
export function sendParamsFrom03(params: MessageSendParams03): SendMessageRequest {
  // Without `compact`'s copy: every 0.3 SendMessage and stream starts here.
  const out: SendMessageRequest = { message: messageFrom03(params.message) };
  if (params.configuration !== undefined) {
    out.configuration = sendConfigurationFrom03(params.configuration);
  }
  if (params.metadata !== undefined) out.metadata = params.metadata;
  return out;
}

/** A 1.0 SendMessageRequest as 0.3 MessageSendParams (`tenant` dropped). */
export function sendParamsTo03(params: SendMessageRequest): MessageSendParams03 {
  return compact<MessageSendParams03>({
    message: messageTo03(params.message),
    configuration:
      params.configuration === undefined ? undefined : sendConfigurationTo03(params.configuration),
    metadata: params.metadata,
  });
}

/** 0.3 TaskQueryParams as 1.0 GetTask params (`metadata` has no 1.0 field and is dropped). */
export function getTaskParamsFrom03(params: TaskQueryParams03): GetTaskRequest {
  return compact({ id: params.id, historyLength: historyLengthFrom03(params.historyLength) });
}

/** 1.0 GetTask params as 0.3 TaskQueryParams. */
export function getTaskParamsTo03(params: GetTaskRequest): TaskQueryParams03 {
  return compact({ id: params.id, historyLength: params.historyLength });
}

/** 0.3 TaskIdParams as 1.0 CancelTask params. */
export function cancelTaskParamsFrom03(params: TaskIdParams03): CancelTaskRequest {
  return compact({ id: params.id, metadata: params.metadata });
}

/** 0.3 TaskIdParams as 1.0 SubscribeToTask params (`metadata` dropped). */
export function subscribeParamsFrom03(params: TaskIdParams03): SubscribeToTaskRequest {
  return { id: params.id };
}

/**
 * 0.3 push-config get params as 1.0. The deprecated bare `{id}` form has no config id; it becomes
 * `id: ""`, which the server MUST read as "the task's first config" (the 1.0 Get schema itself
 * requires a non-empty id).
 */
export function getPushConfigParamsFrom03(
  params: GetTaskPushNotificationConfigParams03,
): GetTaskPushNotificationConfigRequest {
  return { taskId: params.id, id: params.pushNotificationConfigId ?? '' };
}

/** 1.0 push-config get params as 0.3; an empty `id` is sent as the bare `{id}` form. */
export function getPushConfigParamsTo03(
  params: GetTaskPushNotificationConfigRequest,
): GetTaskPushNotificationConfigParams03 {
  return params.id === ''
    ? { id: params.taskId }
    : { id: params.taskId, pushNotificationConfigId: params.id };
}

/** 0.3 push-config list params as 1.0 (0.3 has no paging). */
export function listPushConfigParamsFrom03(
  params: TaskIdParams03,
): ListTaskPushNotificationConfigsRequest {
  return { taskId: params.id };
}

/** 0.3 push-config delete params as 1.0. */
export function deletePushConfigParamsFrom03(
  params: DeleteTaskPushNotificationConfigParams03,
): DeleteTaskPushNotificationConfigRequest {
  return { taskId: params.id, id: params.pushNotificationConfigId };
}

/** Baton's 0.3 ListTasks query as 1.0 ListTasks params. */
export function listTasksParamsFrom03(params: ListTasksParams03): ListTasksRequest {
  return compact<ListTasksRequest>({
    ...params,
    status: params.status === undefined ? undefined : taskStateFrom03(params.status),
    historyLength: historyLengthFrom03(params.historyLength),
    statusTimestampAfter:
      params.statusTimestampAfter === undefined
        ? undefined
        : timestampFrom03(params.statusTimestampAfter),
  });
}

/** 1.0 ListTasks params as Baton's 0.3 ListTasks query (`tenant` dropped). */
export function listTasksParamsTo03(params: ListTasksRequest): ListTasksParams03 {
  const { tenant: _tenant, status, ...rest } = params;
  return compact<ListTasksParams03>({
    ...rest,
    status: status === undefined ? undefined : taskStateTo03(status),
  });
}
