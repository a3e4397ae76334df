import {
  isInterruptedState,
  isTerminalState,
  type Message,
  nowTimestamp,
  type TaskState,
} from '@baton/protocol';

import { errorMessage } from '../logger.js';
import { type ServerCore } from './core.js';
import { type Run } from './run.js';
import { type RunEvents } from './run-events.js';
import { type TaskWriter } from './task-writer.js';

/** How the executor's `execute` ended. */
export type ExecutionResult =
  | { kind: 'returned' }
  | { kind: 'threw'; error: unknown }
  /** Shutdown stopped waiting for an executor that did not settle within the grace period. */
  | { kind: 'abandoned' };

/** The status message texts the server writes itself. */
export const SERVER_MESSAGES = {
  failed: (error: unknown) => `The agent failed: ${errorMessage(error)}`,
  unfinished: 'The agent stopped before finishing the task.',
  inputRequired: 'The agent needs more input to continue.',
  shutdown: 'The server shut down before the task finished.',
  canceled: 'The task was canceled.',
} as const;

/**
 * Applies the end-of-run rules after `execute` settled, inside the task's write queue: a task
 * left submitted or working (or never created) is canceled (cancel requested), failed (shutdown,
 * or the executor threw), or handled by `onUnfinished`. Then the run's `events` close, unless
 * `onUnfinished: 'keep'` leaves the task open to background writes.
 */
export async function finishRun(
  core: ServerCore,
  run: Run,
  writer: TaskWriter,
  events: RunEvents,
  result: ExecutionResult,
): Promise<void> {
  if (result.kind === 'threw') {
    core.logger.warn('the executor threw', {
      taskId: run.taskId,
      error: errorMessage(result.error),
    });
  }
  if (run.replied) return;
  const state = writer.state;
  const open = state === undefined || !(isTerminalState(state) || isInterruptedState(state));
  let target: { state: TaskState; text: string } | undefined;
  if (!open) target = undefined;
  else if (run.cancelRequested)
    target = { state: 'TASK_STATE_CANCELED', text: SERVER_MESSAGES.canceled };
  else if (run.shutdownRequested || result.kind === 'abandoned') {
    target = { state: 'TASK_STATE_FAILED', text: SERVER_MESSAGES.shutdown };
  } else if (result.kind === 'threw') {
    target = { state: 'TASK_STATE_FAILED', text: SERVER_MESSAGES.failed(result.error) };
  } else if (core.onUnfinished === 'fail') {
    target = { state: 'TASK_STATE_FAILED', text: SERVER_MESSAGES.unfinished };
  } else if (core.onUnfinished === 'input-required') {
    target = { state: 'TASK_STATE_INPUT_REQUIRED', text: SERVER_MESSAGES.inputRequired };
  } else {
    // 'keep': the task stays as it is and `events` stay writable.
    await writer.ensureCreated();
    return;
  }
  if (target) await writeServerStatus(core, writer, target.state, target.text);
  events.close('This execution has ended; its task accepts no more events from it');
}

/** Writes a status with an agent message from the server; a refused write is only logged. */
export async function writeServerStatus(
  core: ServerCore,
  writer: TaskWriter,
  state: TaskState,
  text: string,
  metadata?: Message['metadata'],
): Promise<boolean> {
  const message: Message = {
    messageId: core.newId(),
    role: 'ROLE_AGENT',
    parts: [{ text }],
    taskId: writer.taskId,
    contextId: writer.contextId,
  };
  const statusUpdate = {
    taskId: writer.taskId,
    contextId: writer.contextId,
    status: { state, message, timestamp: nowTimestamp() },
    ...(metadata && { metadata }),
  };
  try {
    await writer.append({ statusUpdate }, true);
    return true;
  } catch (error) {
    core.logger.debug('a server status write was refused', {
      taskId: writer.taskId,
      state,
      error: errorMessage(error),
    });
    return false;
  }
}
