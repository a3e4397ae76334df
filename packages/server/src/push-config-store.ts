import { type TaskPushNotificationConfig } from '@baton/protocol';

/** A push config as stored: always with its task id and config id. */
export type StoredPushConfig = TaskPushNotificationConfig & { taskId: string; id: string };

/** Webhook configs per task. Callers check task visibility before they reach this store. */
export interface PushConfigStore {
  /** Creates or replaces the config with the same task id and id. */
  put(config: StoredPushConfig): Promise<StoredPushConfig>;
  get(taskId: string, id: string): Promise<StoredPushConfig | undefined>;
  /**
   * Configs of a task, oldest first (a replaced config keeps its place), with cursor paging.
   * No `pageSize` returns every config; an invalid `pageToken` throws `InvalidParamsError`.
   */
  list(
    taskId: string,
    options?: { pageSize?: number; pageToken?: string },
  ): Promise<{ configs: StoredPushConfig[]; nextPageToken: string }>;
  /** Removes one config; removing a missing one is not an error. Returns whether one existed. */
  delete(taskId: string, id: string): Promise<boolean>;
  /** Removes every config of a task. */
  deleteAll(taskId: string): Promise<void>;
}
