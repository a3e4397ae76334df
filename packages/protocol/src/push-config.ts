import { z } from 'zod';

import { protoMessage, requiredString } from './proto-json.js';

/** Credentials for calling a webhook (spec §4.3.1 AuthenticationInfo). */
export const AuthenticationInfoSchema = protoMessage({
  scheme: requiredString,
  credentials: z.string().optional(),
});

/** Credentials for calling a webhook (spec §4.3.1 AuthenticationInfo). */
export interface AuthenticationInfo {
  /** An IANA HTTP authentication scheme such as `Bearer` or `Basic` (case-insensitive). */
  scheme: string;
  credentials?: string | undefined;
}

const pushConfigShape = {
  tenant: z.string().optional(),
  id: z.string().optional(),
  taskId: z.string().optional(),
  url: z.string().min(1, 'must not be empty'),
  token: z.string().optional(),
  authentication: AuthenticationInfoSchema.optional(),
};

/** Where and how to deliver push notifications for a task (spec §4.3.2). */
export const TaskPushNotificationConfigSchema = protoMessage(
  pushConfigShape,
) as unknown as z.ZodType<TaskPushNotificationConfig, unknown>;

/** Where and how to deliver push notifications for a task (spec §4.3.2). */
export interface TaskPushNotificationConfig {
  tenant?: string | undefined;
  /** The config id; the server assigns one when it is absent. */
  id?: string | undefined;
  /** The task; empty when the config travels inside SendMessage. */
  taskId?: string | undefined;
  url: string;
  token?: string | undefined;
  authentication?: AuthenticationInfo | undefined;
}

/** Params of CreateTaskPushNotificationConfig: the config itself, task id required (§3.1.7). */
export const CreateTaskPushNotificationConfigRequestSchema = protoMessage({
  ...pushConfigShape,
  taskId: requiredString,
}) as unknown as z.ZodType<CreateTaskPushNotificationConfigRequest, unknown>;
/** Params of CreateTaskPushNotificationConfig (spec §3.1.7). */
export type CreateTaskPushNotificationConfigRequest = TaskPushNotificationConfig & {
  taskId: string;
};
