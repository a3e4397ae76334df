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

/** Where and how to deliver push notifications for a task (spec §4.3.2). */
export const TaskPushNotificationConfigSchema = protoMessage({
  tenant: z.string().optional(),
  id: z.string().optional(),
  taskId: z.string().optional(),
  url: z.string().min(1, 'must not be empty'),
  token: z.string().optional(),
  authentication: AuthenticationInfoSchema.optional(),
}) as unknown as z.ZodType<TaskPushNotificationConfig, unknown>;

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
