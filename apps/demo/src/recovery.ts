import {
  InvalidAgentResponseError,
  type Message,
  nowTimestamp,
  type StreamResponse,
  TaskNotFoundError,
} from '@baton/protocol';
import {
  applyTaskEvent,
  type BatonStore,
  checkEventApplies,
  DEFAULT_LIMITS,
  type StoredTask,
} from '@baton/server';

/** The status message of a task that recovery marked failed. */
export const RECOVERY_MESSAGE =
  'The server stopped (a crash or a kill) while this task was running, so it was marked ' +
  'failed when the server started again. Send the request again to retry it.';

/** The most unfinished tasks one recovery pass looks at. */
const RECOVERY_LIMIT = 100_000;

/**
 * Start-up recovery for tasks a crash left `submitted` or `working`: no executor runs them any
 * more (they ran in the process that died), so they would never finish. Each gets a FAILED
 * status with {@link RECOVERY_MESSAGE}, written through the store's event log with the server's
 * own fold, so the snapshot stays the fold of its log; the message joins the conversation too.
 * Interrupted tasks (`input-required`, `auth-required`) are left as they are: they wait for the
 * client, not for an executor, and can be continued after the restart.
 *
 * Run it once per store before the handler serves, and only while no other process serves the
 * same store. Push webhooks are not notified of these changes.
 * @returns the tasks it marked failed, as they were before
 */
export async function failInterruptedTasks(store: BatonStore): Promise<StoredTask[]> {
  const unfinished = await store.tasks.listUnfinished(RECOVERY_LIMIT);
  const failed: StoredTask[] = [];
  for (const stored of unfinished) {
    const { id: taskId, status } = stored.task;
    const contextId = stored.task.contextId ?? '';
    if (status.state !== 'TASK_STATE_SUBMITTED' && status.state !== 'TASK_STATE_WORKING') continue;
    const message: Message = {
      messageId: crypto.randomUUID(),
      role: 'ROLE_AGENT',
      taskId,
      contextId,
      parts: [{ text: RECOVERY_MESSAGE }],
    };
    const event: StreamResponse = {
      statusUpdate: {
        taskId,
        contextId,
        status: { state: 'TASK_STATE_FAILED', message, timestamp: nowTimestamp() },
      },
    };
    try {
      await store.events.append(taskId, event, (current, next) => {
        checkEventApplies(current.task, next);
        const now = current.task.status.state;
        if (now !== 'TASK_STATE_SUBMITTED' && now !== 'TASK_STATE_WORKING') {
          throw new InvalidAgentResponseError(`Task ${taskId} is ${now} now; not recovering it`);
        }
        return applyTaskEvent(current.task, next, {
          maxHistory: DEFAULT_LIMITS.maxHistoryPerTask,
        });
      });
    } catch (error) {
      // It moved on or vanished meanwhile: nothing to recover.
      if (InvalidAgentResponseError.isInstance(error) || TaskNotFoundError.isInstance(error)) {
        continue;
      }
      throw error;
    }
    if (contextId) {
      await store.messages.append(
        { tenant: stored.tenant, owner: stored.owner },
        contextId,
        message,
      );
    }
    failed.push(stored);
  }
  return failed;
}
