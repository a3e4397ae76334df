import { z } from 'zod';

import { requiredString } from '../proto-json.js';
import { type AuthenticationInfo, type TaskPushNotificationConfig } from '../push-config.js';
import { compact } from './v03-common.js';

/** Credentials for calling a webhook, in 0.3 JSON (spec 0.3 §6.9). */
export const PushNotificationAuthenticationInfo03Schema = z.object({
  schemes: z.array(z.string()),
  credentials: z.string().optional(),
});
/** Credentials for calling a webhook, in 0.3 JSON (spec 0.3 §6.9). */
export type PushNotificationAuthenticationInfo03 = z.infer<
  typeof PushNotificationAuthenticationInfo03Schema
>;

/** Where and how to deliver push notifications, in 0.3 JSON (spec 0.3 §6.8). */
export const PushNotificationConfig03Schema = z.object({
  id: z.string().optional(),
  url: z.string().min(1, 'must not be empty'),
  token: z.string().optional(),
  authentication: PushNotificationAuthenticationInfo03Schema.optional(),
});
/** Where and how to deliver push notifications, in 0.3 JSON (spec 0.3 §6.8). */
export type PushNotificationConfig03 = z.infer<typeof PushNotificationConfig03Schema>;

/** A push config bound to a task, in 0.3 JSON (spec 0.3 §6.10 TaskPushNotificationConfig). */
export const TaskPushNotificationConfig03Schema = z.object({
  taskId: requiredString,
  pushNotificationConfig: PushNotificationConfig03Schema,
});
/** A push config bound to a task, in 0.3 JSON (spec 0.3 §6.10). */
export type TaskPushNotificationConfig03 = z.infer<typeof TaskPushNotificationConfig03Schema>;

/** 1.0 webhook credentials as 0.3: the single `scheme` becomes a one-element `schemes`. */
export function authenticationTo03(auth: AuthenticationInfo): PushNotificationAuthenticationInfo03 {
  return compact({ schemes: [auth.scheme], credentials: auth.credentials });
}

/**
 * 0.3 webhook credentials as 1.0. 1.0 sends `Authorization: <scheme> <credentials>` with one
 * scheme, so the first non-empty one of `schemes` is kept; with none the result is undefined.
 */
export function authenticationFrom03(
  auth: PushNotificationAuthenticationInfo03,
): AuthenticationInfo | undefined {
  const scheme = auth.schemes.find((candidate) => candidate !== '');
  return scheme === undefined ? undefined : compact({ scheme, credentials: auth.credentials });
}

/** A 1.0 push config as a 0.3 PushNotificationConfig; `taskId` and `tenant` are left out. */
export function pushConfigTo03(config: TaskPushNotificationConfig): PushNotificationConfig03 {
  return compact<PushNotificationConfig03>({
    id: config.id,
    url: config.url,
    token: config.token,
    authentication:
      config.authentication === undefined ? undefined : authenticationTo03(config.authentication),
  });
}

/** A 0.3 PushNotificationConfig as a 1.0 push config, bound to `taskId` when given. */
export function pushConfigFrom03(
  config: PushNotificationConfig03,
  taskId?: string,
): TaskPushNotificationConfig {
  return compact<TaskPushNotificationConfig>({
    id: config.id,
    taskId,
    url: config.url,
    token: config.token,
    authentication:
      config.authentication === undefined ? undefined : authenticationFrom03(config.authentication),
  });
}

/** A 1.0 push config as a 0.3 TaskPushNotificationConfig (an absent taskId is sent as `""`). */
export function taskPushConfigTo03(
  config: TaskPushNotificationConfig,
): TaskPushNotificationConfig03 {
  return { taskId: config.taskId ?? '', pushNotificationConfig: pushConfigTo03(config) };
}

/** A 0.3 TaskPushNotificationConfig as the flat 1.0 TaskPushNotificationConfig. */
export function taskPushConfigFrom03(
  config: TaskPushNotificationConfig03,
): TaskPushNotificationConfig & { taskId: string } {
  return { ...pushConfigFrom03(config.pushNotificationConfig), taskId: config.taskId };
}
