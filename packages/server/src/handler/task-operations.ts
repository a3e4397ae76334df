import {
  type CancelTaskRequest,
  DEFAULT_PAGE_SIZE,
  type GetTaskRequest,
  InvalidParamsError,
  isTerminalState,
  type ListTasksResponse,
  MAX_PAGE_SIZE,
  type Task,
  TaskNotCancelableError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@baton/protocol';

import { type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { type RuntimeRegistry } from '../runtime/runtime-registry.js';
import { type TaskScope } from '../task-scope.js';
import { readTaskQuery, type SearchableListTasksRequest } from '../task-search.js';
import { type StoredTask } from '../task-store.js';
import { viewTask } from '../task-view.js';
import { checkHistoryLength, resolveScope } from './scope.js';

/** The task in the caller's scope, or `TaskNotFoundError` (never revealing other scopes). */
export async function findTask(
  core: ServerCore,
  scope: TaskScope,
  id: string,
): Promise<StoredTask> {
  const stored = id ? await core.store.tasks.get(scope, id) : undefined;
  if (!stored)
    throw new TaskNotFoundError(`Task ${id} was not found`, { metadata: { taskId: id } });
  return stored;
}

/** GetTask: the task with `historyLength` applied. */
export async function getTask(
  core: ServerCore,
  params: GetTaskRequest,
  context: CallContext,
): Promise<Task> {
  checkHistoryLength(params.historyLength);
  const { scope } = resolveScope(context, params.tenant);
  const stored = await findTask(core, scope, params.id);
  return viewTask(stored.task, { historyLength: params.historyLength });
}

/**
 * ListTasks: the caller's tasks, newest status first, filtered and paged by the store. `pageSize`
 * in the answer is the number of tasks on this page; `artifacts` only with `includeArtifacts`.
 * `query` (task-search extension) filters by text; a store that cannot search refuses it.
 */
export async function listTasks(
  core: ServerCore,
  params: SearchableListTasksRequest,
  context: CallContext,
): Promise<ListTasksResponse> {
  checkHistoryLength(params.historyLength);
  const pageSize = params.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    const description = `must be an integer from 1 to ${MAX_PAGE_SIZE}`;
    throw new InvalidParamsError(`pageSize ${description}`, {
      fieldViolations: [{ field: 'pageSize', description }],
    });
  }
  const text = readTaskQuery(params.query);
  if (text !== undefined && !core.store.tasks.supportsTextSearch) {
    throw new UnsupportedOperationError('This agent cannot search task history (query)');
  }
  const { scope } = resolveScope(context, params.tenant);
  const page = await core.store.tasks.list(scope, {
    contextId: params.contextId || undefined,
    state: params.status === 'TASK_STATE_UNSPECIFIED' ? undefined : params.status,
    statusTimestampAfter: params.statusTimestampAfter,
    text,
    pageSize,
    pageToken: params.pageToken || undefined,
  });
  const view = {
    historyLength: params.historyLength,
    includeArtifacts: params.includeArtifacts === true,
  };
  const tasks = page.tasks.map((stored) => viewTask(stored.task, view));
  return {
    tasks,
    nextPageToken: page.nextPageToken,
    pageSize: tasks.length,
    totalSize: page.totalSize,
  };
}

/**
 * CancelTask: aborts the executor, lets `executor.cancel` run, makes sure the task ends CANCELED.
 * A task that is (or became, in a race) terminal otherwise → `TaskNotCancelableError`.
 */
export async function cancelTask(
  core: ServerCore,
  registry: RuntimeRegistry,
  params: CancelTaskRequest,
  context: CallContext,
): Promise<Task> {
  const { scope, caller } = resolveScope(context, params.tenant);
  const stored = await findTask(core, scope, params.id);
  const notCancelable = (state: string) =>
    new TaskNotCancelableError(`Task ${params.id} is ${state} and can no longer be canceled`, {
      metadata: { taskId: params.id },
    });
  if (isTerminalState(stored.task.status.state)) throw notCancelable(stored.task.status.state);
  const runtime = registry.obtain({
    taskId: stored.task.id,
    contextId: stored.task.contextId ?? stored.task.id,
    ownership: { tenant: stored.tenant, owner: stored.owner },
    state: stored.task.status.state,
  });
  try {
    await runtime.cancel(stored, caller, params.metadata);
  } finally {
    registry.release(runtime);
  }
  const final = await findTask(core, scope, params.id);
  if (final.task.status.state !== 'TASK_STATE_CANCELED')
    throw notCancelable(final.task.status.state);
  return viewTask(final.task);
}
