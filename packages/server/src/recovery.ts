import {
  isInterruptedState,
  isTerminalState,
  type Message,
  nowTimestamp,
  type StreamResponse,
  type TaskState,
} from '@baton/protocol';

import { type TaskReducer } from './event-log.js';
import { checkEventApplies } from './event-validation.js';
import { type OrphanQuery } from './instance-leases.js';
import { errorMessage, type Logger, silentLogger } from './logger.js';
import { randomId } from './random-id.js';
import { type BatonStore } from './store.js';
import { type TaskEventRecord } from './task-event.js';
import { applyTaskEvent } from './task-reducer.js';
import { type StoredTask } from './task-store.js';

/**
 * What start-up recovery does with tasks a previous process left submitted or working:
 * `'fail'` marks them failed with a status message from the agent; `'resume'` hands them to the
 * executor's `resume` method (tasks of an executor without one are failed); `'none'` leaves them
 * as they are. With a store that has instance leases, only tasks whose instance is gone count.
 */
export type RecoveryMode = 'fail' | 'resume' | 'none';

/** The status message text of a task failed by start-up recovery. */
export const RECOVERY_MESSAGE = 'The server restarted while this task was running.';

/** Options of the request handler's start-up recovery (`recovery` option). */
export interface RecoveryOptions {
  /** What to do with submitted or working tasks. @default 'fail' */
  mode?: RecoveryMode | undefined;
  /** The agent status message of a failed task. @default RECOVERY_MESSAGE */
  message?: string | undefined;
  /**
   * Which unfinished tasks the rule applies to; the others are left alone.
   * @default every submitted or working task in the store
   */
  filter?: ((stored: StoredTask) => boolean) | undefined;
  /** How many tasks are read from the store at a time. @default 100 */
  batchSize?: number | undefined;
}

/** Options of {@link recoverUnfinishedTasks}. */
export interface RecoverUnfinishedTasksOptions extends Omit<RecoveryOptions, 'mode'> {
  /**
   * Takes over a task instead of failing it; resolve `false` to have it failed after all.
   * @default none: every task is failed
   */
  resume?: ((stored: StoredTask) => boolean | Promise<boolean>) | undefined;
  /** The history bound of the server (`limits.maxHistoryPerTask`). @default unbounded */
  maxHistory?: number | undefined;
  /** Makes the status message's id. @default random UUIDs (version 4) */
  newId?: (() => string) | undefined;
  /** Called after a task was failed, with its new log entry (e.g. for push delivery). */
  onFailed?: ((record: TaskEventRecord) => void) | undefined;
  /** Where refused writes and store errors are reported. @default silentLogger */
  logger?: Logger | undefined;
  /**
   * With a store that has instance leases (`store.leases`): whether tasks last written under this
   * instance's own id count as orphaned. True at start-up (whoever used the id before is gone);
   * false for the periodic sweeps of a running server, whose own tasks are its own runs.
   * @default true
   */
  includeOwn?: boolean | undefined;
}

/** What start-up recovery did. */
export interface RecoveryReport {
  /** Tasks marked failed. */
  failed: string[];
  /** Tasks handed back to the executor. */
  resumed: string[];
  /**
   * Unfinished tasks left as they were: interrupted (input-required / auth-required), filtered
   * out, or changed by someone else while recovery looked at them.
   */
  skipped: string[];
}

/** Whether recovery applies to a task in this state: submitted, working (or unspecified). */
export function isRecoverableState(state: TaskState): boolean {
  return !isTerminalState(state) && !isInterruptedState(state);
}

class NoLongerRunning extends Error {}

/**
 * Start-up recovery over a store: every task left submitted or working is failed with an agent
 * status message ("The server restarted while this task was running."), written through the
 * event log with `applyTaskEvent` so the snapshot stays the fold of its log, and added to its
 * conversation. The state check runs inside the store's atomic append, so a task another writer
 * finished or interrupted meanwhile is skipped, never overwritten. Interrupted tasks are left
 * alone. Run it before serving, while no executor of this store is running. With a store that has
 * instance leases (`store.leases`), only orphaned tasks are looked at, and each is claimed for
 * this instance before it is failed or resumed: tasks of live sibling instances are left alone.
 * @example
 * const report = await recoverUnfinishedTasks(store);
 * console.log(`${report.failed.length} interrupted tasks marked failed`);
 */
export async function recoverUnfinishedTasks(
  store: BatonStore,
  options: RecoverUnfinishedTasksOptions = {},
): Promise<RecoveryReport> {
  const report: RecoveryReport = { failed: [], resumed: [], skipped: [] };
  const batch = Math.max(1, Math.floor(options.batchSize ?? 100));
  const logger = options.logger ?? silentLogger;
  // listUnfinished has no cursor: failed tasks drop out of it, the others stay in front, so each
  // read asks for the ones still there plus a fresh batch.
  const handled = new Set<string>();
  let kept = 0;
  const { leases } = store;
  const query: OrphanQuery = { includeOwn: options.includeOwn ?? true };
  const list = leases
    ? (limit: number) => leases.listOrphaned(limit, query)
    : (limit: number) => store.tasks.listUnfinished(limit);
  for (;;) {
    const limit = kept + batch;
    const page = await list(limit);
    const fresh = page.filter((stored) => !handled.has(stored.task.id));
    for (const stored of fresh) {
      handled.add(stored.task.id);
      const outcome = await recoverOne(store, stored, options, query, logger);
      report[outcome].push(stored.task.id);
      if (outcome !== 'failed') kept++;
    }
    if (page.length < limit || fresh.length === 0) return report;
  }
}

async function recoverOne(
  store: BatonStore,
  stored: StoredTask,
  options: RecoverUnfinishedTasksOptions,
  query: OrphanQuery,
  logger: Logger,
): Promise<keyof RecoveryReport> {
  if (!isRecoverableState(stored.task.status.state)) return 'skipped';
  if (options.filter && !options.filter(stored)) return 'skipped';
  // Another instance may have taken the task since it was listed.
  if (store.leases && !(await store.leases.claim(stored.task.id, query))) return 'skipped';
  if (options.resume && (await options.resume(stored))) return 'resumed';
  const taskId = stored.task.id;
  const contextId = stored.task.contextId ?? taskId;
  const message: Message = {
    messageId: (options.newId ?? randomId)(),
    role: 'ROLE_AGENT',
    parts: [{ text: options.message ?? RECOVERY_MESSAGE }],
    taskId,
    contextId,
  };
  const event: StreamResponse = {
    statusUpdate: {
      taskId,
      contextId,
      status: { state: 'TASK_STATE_FAILED', message, timestamp: nowTimestamp() },
    },
  };
  const reduce: TaskReducer = (current, next) => {
    if (!isRecoverableState(current.task.status.state)) throw new NoLongerRunning();
    checkEventApplies(current.task, next);
    return applyTaskEvent(current.task, next, { maxHistory: options.maxHistory });
  };
  let record: TaskEventRecord;
  try {
    record = (await store.events.append(taskId, event, reduce)).record;
  } catch (error) {
    if (!(error instanceof NoLongerRunning)) {
      logger.warn('start-up recovery could not fail a task', {
        taskId,
        error: errorMessage(error),
      });
    }
    return 'skipped';
  }
  try {
    await store.messages.append({ tenant: stored.tenant, owner: stored.owner }, contextId, message);
  } catch (error) {
    logger.error('could not store a conversation message', { taskId, error: errorMessage(error) });
  }
  options.onFailed?.(record);
  return 'failed';
}
