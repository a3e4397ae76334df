import { type Task, type TaskState } from '@baton/protocol';

import { type TaskScope } from './task-scope.js';

/** A task as a store keeps it: the full snapshot plus the columns around it. */
export interface StoredTask {
  /** The full snapshot: all history and artifacts, folded from the event log. */
  task: Task;
  tenant: string;
  owner: string;
  /** The sequence number of the last event folded into `task`. */
  seq: number;
  /** When the task was created (ISO 8601 UTC). */
  createdAt: string;
  /** When the task last changed (ISO 8601 UTC). */
  updatedAt: string;
}

/** Filters and paging of a task listing; stores apply them in the query itself. */
export interface TaskListQuery {
  contextId?: string | undefined;
  state?: TaskState | undefined;
  /** Only tasks whose status timestamp is at or after this instant (inclusive). */
  statusTimestampAfter?: string | undefined;
  /**
   * Case-insensitive substring search over the text of history messages, status messages and
   * artifacts (and data parts' JSON), where the store supports it.
   */
  text?: string | undefined;
  pageSize: number;
  /** The opaque cursor from a previous page's `nextPageToken`. */
  pageToken?: string | undefined;
}

/**
 * One page of a task listing, ordered by status time descending, then task id ascending. The
 * status time is `task.status.timestamp`, or `updatedAt` when the status has none.
 */
export interface TaskListPage {
  tasks: StoredTask[];
  /** Empty on the last page. */
  nextPageToken: string;
  /** How many tasks match the filters, across all pages. */
  totalSize: number;
}

/**
 * How young a conversation's newest message keeps it from a purge, whatever the cutoff: a new
 * task's first message is stored just before the task, and must not go in between. Every store's
 * `purge` applies it.
 */
export const CONVERSATION_PURGE_FLOOR_MS = 60_000;

/** Reads and removes task snapshots. Writes go through `EventLog`, which keeps both in step. */
export interface TaskStore {
  /** The task, or undefined when it does not exist in this scope. */
  get(scope: TaskScope, taskId: string): Promise<StoredTask | undefined>;
  /**
   * A page of tasks. `pageSize` must be a positive integer; an invalid `pageToken` or
   * `statusTimestampAfter` throws `InvalidParamsError`.
   */
  list(scope: TaskScope, query: TaskListQuery): Promise<TaskListPage>;
  /**
   * Tasks not in a terminal state, across all tenants, oldest `createdAt` first: what start-up
   * recovery looks at.
   */
  listUnfinished(limit: number): Promise<StoredTask[]>;
  /**
   * Deletes terminal tasks whose last change is older than `before`, with their events, messages
   * and push configs. Then deletes the messages (and position counter) of every context left
   * with no task whose newest message is older than `before` and than
   * {@link CONVERSATION_PURGE_FLOOR_MS} before the store's clock: direct-reply conversations expire too, and a new task's first message, stored
   * just before its task, survives a purge in between. Returns how many tasks were deleted.
   */
  purge(before: string): Promise<number>;
  /** Whether `list` honours `query.text`. */
  readonly supportsTextSearch: boolean;
}
