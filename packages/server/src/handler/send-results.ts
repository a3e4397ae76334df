import {
  InternalError,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  TaskNotFoundError,
} from '@baton/protocol';

import { type EventLog } from '../event-log.js';
import { type ServerCore } from '../runtime/core.js';
import { type Run } from '../runtime/run.js';
import { settlesTask } from '../stream/settles.js';
import { type StreamStart } from '../stream/task-event-stream.js';
import { TaskFollower } from '../stream/task-follower.js';
import { withSequence } from '../task-event.js';
import { viewTask } from '../task-view.js';
import { type Intake } from './intake.js';
import { type ShutdownHooks } from './shutdown-hooks.js';

/** Rejects when `signal` aborts; otherwise settles like `promise`. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(): InternalError {
  return new InternalError('The call was aborted before the task settled');
}

/**
 * Resolves when the task has a terminal or interrupted status event after `afterSeq` (read from
 * the log, then live), when `signal` aborts, or at shutdown.
 */
export async function waitUntilSettled(
  log: EventLog,
  taskId: string,
  afterSeq: number,
  signal: AbortSignal | undefined,
  shutdown: ShutdownHooks,
): Promise<void> {
  const follower = new TaskFollower(log, taskId, {
    maxBuffered: Number.MAX_SAFE_INTEGER,
    skip: (event) => !settlesTask(event),
  });
  follower.start(afterSeq);
  const stop = () => follower.close();
  if (signal?.aborted) follower.close();
  signal?.addEventListener('abort', stop, { once: true });
  const removeHook = shutdown.add(stop);
  try {
    await follower.next();
  } finally {
    follower.close();
    signal?.removeEventListener('abort', stop);
    removeHook();
  }
}

/**
 * The SendMessage answer for an accepted message: a direct reply, or the task — at once with
 * `returnImmediately`, otherwise once it is terminal or interrupted (A2A §8 blocking).
 */
export async function sendResult(
  core: ServerCore,
  intake: Intake,
  params: SendMessageRequest,
  signal: AbortSignal | undefined,
  shutdown: ShutdownHooks,
): Promise<SendMessageResponse> {
  const { run } = intake;
  const historyLength = params.configuration?.historyLength;
  const immediate = params.configuration?.returnImmediately === true;
  if (!(immediate && intake.placement === 'queued')) {
    const outcome = await abortable(run.outcome.promise, signal);
    if (outcome.kind === 'message') return { message: outcome.message };
    if (!immediate) {
      const afterSeq = await run.started.promise;
      await waitUntilSettled(core.store.events, run.taskId, afterSeq, signal, shutdown);
      if (signal?.aborted) throw abortError();
    }
  }
  const stored = await core.store.tasks.get(run.scope, run.taskId);
  if (!stored) throw new TaskNotFoundError(undefined, { metadata: { taskId: run.taskId } });
  return { task: viewTask(stored.task, { historyLength }) };
}

/**
 * How the stream of an accepted message begins: the direct reply alone; for a new task its log
 * from the start (the first entry is the task snapshot); for a continued task the snapshot once
 * the message runs, then what follows.
 */
export async function prepareRunStream(
  core: ServerCore,
  run: Run,
  historyLength: number | undefined,
): Promise<StreamStart> {
  const log = core.store.events;
  const options = { maxBuffered: core.limits.maxStreamBufferEvents, skip: isLoggedMessage };
  if (!run.init.existing) {
    const outcome = await run.outcome.promise;
    if (outcome.kind === 'message') return { initial: [{ message: outcome.message }] };
    const follower = new TaskFollower(log, run.taskId, options);
    follower.start(0);
    return { initial: [], follower };
  }
  await run.started.promise;
  const follower = new TaskFollower(log, run.taskId, options);
  try {
    const stored = await core.store.tasks.get(run.scope, run.taskId);
    if (!stored) throw new TaskNotFoundError(undefined, { metadata: { taskId: run.taskId } });
    follower.start(stored.seq);
    const snapshot = withSequence({ task: viewTask(stored.task, { historyLength }) }, stored.seq);
    return { initial: [snapshot], follower };
  } catch (error) {
    follower.close();
    throw error;
  }
}

/** `{ message }` log entries fold user and agent messages into history; streams skip them. */
export function isLoggedMessage(event: StreamResponse): boolean {
  return event.message !== undefined;
}
