import {
  type CreateTaskPushNotificationConfigRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type Empty,
  type GetTaskPushNotificationConfigRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  TaskNotFoundError,
  type TaskPushNotificationConfig,
} from '@baton/protocol';

import { assertWebhookUrlAllowed } from '../push/url-guard.js';
import { type StoredPushConfig } from '../push-config-store.js';
import { type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { requirePush } from './gates.js';
import { resolveScope } from './scope.js';
import { findTask } from './task-operations.js';

/** The push-config operations need the core and whether private webhook URLs are allowed. */
export interface PushConfigHost {
  core: ServerCore;
  allowPrivateUrls: boolean;
}

/** Push capability on, and the task visible to the caller: the checks of every push op. */
async function visibleTask(
  host: PushConfigHost,
  taskId: string,
  tenant: string | undefined,
  context: CallContext,
) {
  requirePush(host.core.agentCard);
  const { scope } = resolveScope(context, tenant);
  return findTask(host.core, scope, taskId);
}

/** Drops the store's empty tenant, so a config answers as it was sent. */
function present(config: StoredPushConfig): TaskPushNotificationConfig {
  const { tenant, ...rest } = config;
  return tenant ? { tenant, ...rest } : rest;
}

/** CreateTaskPushNotificationConfig: stores the config (an id is assigned when absent). */
export async function createPushConfig(
  host: PushConfigHost,
  params: CreateTaskPushNotificationConfigRequest,
  context: CallContext,
): Promise<TaskPushNotificationConfig> {
  const stored = await visibleTask(host, params.taskId, params.tenant, context);
  assertWebhookUrlAllowed(params.url, { allowPrivateUrls: host.allowPrivateUrls });
  const config = await host.core.putPushConfig({
    ...params,
    taskId: stored.task.id,
    id: params.id || host.core.newId(),
  });
  return present(config);
}

/** GetTaskPushNotificationConfig; an empty id means the task's first config (0.3 form). */
export async function getPushConfig(
  host: PushConfigHost,
  params: GetTaskPushNotificationConfigRequest,
  context: CallContext,
): Promise<TaskPushNotificationConfig> {
  await visibleTask(host, params.taskId, params.tenant, context);
  const configs = host.core.store.pushConfigs;
  const config = params.id
    ? await configs.get(params.taskId, params.id)
    : (await configs.list(params.taskId, { pageSize: 1 })).configs[0];
  if (!config) {
    throw new TaskNotFoundError(
      `Push notification config ${params.id || '(any)'} of task ${params.taskId} was not found`,
      { metadata: { taskId: params.taskId, ...(params.id && { configId: params.id }) } },
    );
  }
  return present(config);
}

/** ListTaskPushNotificationConfigs, oldest first, paged. */
export async function listPushConfigs(
  host: PushConfigHost,
  params: ListTaskPushNotificationConfigsRequest,
  context: CallContext,
): Promise<ListTaskPushNotificationConfigsResponse> {
  await visibleTask(host, params.taskId, params.tenant, context);
  const page = await host.core.store.pushConfigs.list(params.taskId, {
    ...(params.pageSize !== undefined && { pageSize: params.pageSize }),
    ...(params.pageToken && { pageToken: params.pageToken }),
  });
  return { configs: page.configs.map(present), nextPageToken: page.nextPageToken };
}

/** DeleteTaskPushNotificationConfig; deleting a missing config is not an error. */
export async function deletePushConfig(
  host: PushConfigHost,
  params: DeleteTaskPushNotificationConfigRequest,
  context: CallContext,
): Promise<Empty> {
  await visibleTask(host, params.taskId, params.tenant, context);
  await host.core.store.pushConfigs.delete(params.taskId, params.id);
  return {};
}
