import { InvalidParamsError, isTerminalState } from '@baton/protocol';

import { cloneJson } from '../clone-json.js';
import { type TaskScope } from '../task-scope.js';
import {
  CONVERSATION_PURGE_FLOOR_MS,
  type StoredTask,
  type TaskListPage,
  type TaskListQuery,
  type TaskStore,
} from '../task-store.js';
import { contextKey, InMemoryState, inScope } from './in-memory-state.js';
import { decodePageToken, encodePageToken, isObject } from './page-token.js';
import { taskMatchesText } from './task-text.js';

/** Where a listing stopped: the last task's status time (epoch ms) and id. */
interface TaskCursor {
  k: 'task';
  t: number;
  id: string;
}

function isTaskCursor(value: unknown): value is TaskCursor {
  return (
    isObject(value) &&
    value.k === 'task' &&
    typeof value.t === 'number' &&
    Number.isFinite(value.t) &&
    typeof value.id === 'string'
  );
}

/**
 * The status time a listing sorts and filters on: `task.status.timestamp`, or the time the store
 * last changed the task when the status carries none (or an unparsable one).
 */
function statusTime(stored: StoredTask): number {
  const status = Date.parse(stored.task.status.timestamp ?? '');
  return Number.isNaN(status) ? Date.parse(stored.updatedAt) : status;
}

/** Status time descending, then task id ascending. */
function compare(a: { t: number; id: string }, b: { t: number; id: string }): number {
  if (a.t !== b.t) return b.t - a.t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Task snapshots of the in-memory store. `list` scans and sorts every task of the store, which is
 * fine for the tests and small deployments this store is for.
 */
export class InMemoryTaskStore implements TaskStore {
  readonly supportsTextSearch = true;
  readonly #state: InMemoryState;

  /** @param state the tables shared with the other in-memory stores; a fresh one by default */
  constructor(state: InMemoryState = new InMemoryState()) {
    this.#state = state;
  }

  async get(scope: TaskScope, taskId: string): Promise<StoredTask | undefined> {
    const stored = this.#state.tasks.get(taskId)?.stored;
    if (!stored || !inScope(scope, stored.tenant, stored.owner)) return undefined;
    return cloneJson(stored);
  }

  async list(scope: TaskScope, query: TaskListQuery): Promise<TaskListPage> {
    const { pageSize } = query;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new InvalidParamsError('pageSize must be a positive integer', {
        fieldViolations: [{ field: 'pageSize', description: 'must be a positive integer' }],
      });
    }
    const cursor = query.pageToken ? decodePageToken(query.pageToken, isTaskCursor) : undefined;
    const after = query.statusTimestampAfter === undefined ? undefined : parseAfter(query);
    const matches: { t: number; id: string; stored: StoredTask }[] = [];
    for (const { stored } of this.#state.tasks.values()) {
      if (!inScope(scope, stored.tenant, stored.owner)) continue;
      const { task } = stored;
      if (query.contextId !== undefined && task.contextId !== query.contextId) continue;
      if (query.state !== undefined && task.status.state !== query.state) continue;
      const t = statusTime(stored);
      if (after !== undefined && t < after) continue;
      if (query.text && !taskMatchesText(task, query.text)) continue;
      matches.push({ t, id: task.id, stored });
    }
    matches.sort(compare);
    // Keyset paging: tasks that arrive later sort before the cursor and never shift a page.
    const start = cursor ? matches.findIndex((match) => compare(match, cursor) > 0) : 0;
    const rest = start < 0 ? [] : matches.slice(start);
    const page = rest.slice(0, pageSize);
    const last = page.at(-1);
    return {
      tasks: page.map((match) => cloneJson(match.stored)),
      nextPageToken:
        last && rest.length > pageSize
          ? encodePageToken({ k: 'task', t: last.t, id: last.id })
          : '',
      totalSize: matches.length,
    };
  }

  async listUnfinished(limit: number): Promise<StoredTask[]> {
    const unfinished: StoredTask[] = [];
    for (const { stored } of this.#state.tasks.values()) {
      if (!isTerminalState(stored.task.status.state)) unfinished.push(stored);
    }
    // Oldest first: recovery resumes tasks in the order they arrived.
    unfinished.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || (a.task.id < b.task.id ? -1 : 1),
    );
    return cloneJson(unfinished.slice(0, Math.max(0, limit)));
  }

  async purge(before: string): Promise<number> {
    const cutoff = Date.parse(before);
    if (Number.isNaN(cutoff)) throw new InvalidParamsError(`purge: ${before} is not a timestamp`);
    const purged = new Set<string>();
    for (const [taskId, { stored }] of this.#state.tasks) {
      if (isTerminalState(stored.task.status.state) && Date.parse(stored.updatedAt) < cutoff) {
        purged.add(taskId);
      }
    }
    for (const taskId of purged) {
      this.#state.tasks.delete(taskId);
      this.#state.pushConfigs.delete(taskId);
      for (const subscription of this.#state.subscriptions.get(taskId) ?? []) {
        this.#state.removeSubscription(taskId, subscription);
      }
    }
    this.#purgeConversations(purged, cutoff);
    return purged.size;
  }

  /**
   * Drops the messages of purged tasks, then every conversation left without a task whose newest
   * message is older than the cutoff and than {@link CONVERSATION_PURGE_FLOOR_MS}.
   */
  #purgeConversations(purged: Set<string>, cutoff: number): void {
    const limit = Math.min(
      cutoff,
      Date.parse(this.#state.timestamp()) - CONVERSATION_PURGE_FLOOR_MS,
    );
    const withTasks = new Set<string>();
    for (const { stored } of this.#state.tasks.values()) {
      const { contextId } = stored.task;
      if (contextId !== undefined) withTasks.add(contextKey(stored.tenant, contextId));
    }
    for (const [key, context] of this.#state.contexts) {
      if (purged.size > 0) {
        context.messages = context.messages.filter(
          ({ taskId }) => taskId === undefined || !purged.has(taskId),
        );
      }
      const newest = context.messages.at(-1)?.timestamp;
      // A context left without messages starts again from position 1.
      if (newest === undefined || (!withTasks.has(key) && Date.parse(newest) < limit)) {
        this.#state.contexts.delete(key);
      }
    }
  }
}

function parseAfter(query: TaskListQuery): number {
  const after = Date.parse(query.statusTimestampAfter ?? '');
  if (Number.isNaN(after)) {
    throw new InvalidParamsError('statusTimestampAfter is not a timestamp', {
      fieldViolations: [{ field: 'statusTimestampAfter', description: 'not an ISO 8601 time' }],
    });
  }
  return after;
}
