import {
  InternalError,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  TaskNotFoundError,
} from '@baton/protocol';

import { type EventLog } from '../event-log.js';
import { type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { type Run } from '../runtime/run.js';
import { settlesTask } from '../stream/settles.js';
import { type StreamStart } from '../stream/task-event-stream.js';
import { TaskFollower, type TaskFollowerOptions } from '../stream/task-follower.js';
import { withSequence } from '../task-event.js';
import { viewTask } from '../task-view.js';
import { type Intake } from './intake.js';
import { type ShutdownHooks } from './shutdown-hooks.js';

function abortError(): InternalError {
  return new InternalError('The call was aborted before the task settled');
}

/**
 * The caller going away during a blocking call. Its signal is read only once the wait outlasts
 * the current turn of the event loop: the task of a quick agent settles before that, and a
 * transport may create the signal on first read, at a cost larger than such a wait. One timer
 * serves every call waiting in the same turn.
 */
class CallerGone {
  readonly #context: CallContext;
  #signal: AbortSignal | undefined;
  #armed = false;
  #handler: (() => void) | undefined;
  /** Whether the caller went away. */
  gone = false;

  constructor(context: CallContext) {
    this.#context = context;
  }

  /** Calls `handler` (instead of the one before) when the caller goes away. */
  onGone(handler: () => void): void {
    this.#handler = handler;
    if (this.gone) handler();
    else if (!this.#armed && 'signal' in this.#context) {
      this.#armed = true;
      armNextTurn(this);
    }
  }

  /** Settles like `promise`, or rejects once the caller went away. */
  until<T>(promise: Promise<T>): Promise<T> {
    if (!('signal' in this.#context)) return promise;
    return new Promise<T>((resolve, reject) => {
      this.onGone(() => reject(abortError()));
      promise.then(resolve, reject);
    });
  }

  /** Stops watching. */
  end(): void {
    waiting.delete(this);
    this.#signal?.removeEventListener('abort', this.#fire);
    this.#handler = undefined;
  }

  /** Starts listening to the signal (called one turn after the wait began). */
  watch(): void {
    const signal = this.#context.signal;
    if (!signal) return;
    this.#signal = signal;
    if (signal.aborted) this.#fire();
    else signal.addEventListener('abort', this.#fire, { once: true });
  }

  readonly #fire = (): void => {
    this.gone = true;
    this.#handler?.();
  };
}

/** Calls waiting since this turn of the event loop; their signals are read on the next. */
const waiting = new Set<CallerGone>();
let turnTimer: ReturnType<typeof setTimeout> | undefined;

function armNextTurn(caller: CallerGone): void {
  waiting.add(caller);
  turnTimer ??= setTimeout(watchWaiting, 0);
}

function watchWaiting(): void {
  turnTimer = undefined;
  const callers = [...waiting];
  waiting.clear();
  for (const caller of callers) caller.watch();
}

/**
 * Resolves when the task has a terminal or interrupted status event after `afterSeq` (read from
 * the log, then live), when the caller goes away, or at shutdown.
 */
async function waitUntilSettled(
  log: EventLog,
  taskId: string,
  afterSeq: number,
  caller: CallerGone,
  shutdown: ShutdownHooks,
): Promise<void> {
  const follower = new TaskFollower(log, taskId, {
    maxBuffered: Number.MAX_SAFE_INTEGER,
    skip: (event) => !settlesTask(event),
    // Entries are only looked at, never handed out.
    readsOnly: true,
  });
  follower.start(afterSeq);
  const stop = () => follower.close();
  caller.onGone(stop);
  const removeHook = shutdown.add(stop);
  try {
    await follower.next();
  } finally {
    follower.close();
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
  context: CallContext,
  shutdown: ShutdownHooks,
): Promise<SendMessageResponse> {
  const { run } = intake;
  const historyLength = params.configuration?.historyLength;
  const immediate = params.configuration?.returnImmediately === true;
  if (!(immediate && intake.placement === 'queued')) {
    const caller = new CallerGone(context);
    try {
      const outcome = await caller.until(run.outcome.promise);
      if (outcome.kind === 'message') return { message: outcome.message };
      if (!immediate) {
        // A new task's log starts with its submitted snapshot (seq 1), which never settles it.
        const afterSeq = Math.max(await run.started.promise, 1);
        await waitUntilSettled(core.store.events, run.taskId, afterSeq, caller, shutdown);
        if (caller.gone) throw abortError();
      }
    } finally {
      caller.end();
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
export function prepareRunStream(
  core: ServerCore,
  run: Run,
  historyLength: number | undefined,
): Promise<StreamStart> {
  const options = { maxBuffered: core.limits.maxStreamBufferEvents, skip: isLoggedMessage };
  if (run.init.existing) return prepareContinuedStream(core, run, historyLength, options);
  // A new task: one reaction to the run's outcome, no async function.
  return run.outcome.promise.then((outcome): StreamStart => {
    if (outcome.kind === 'message') return { initial: [{ message: outcome.message }] };
    const follower = new TaskFollower(core.store.events, run.taskId, options);
    follower.start(0);
    return { initial: [], follower };
  });
}

/** {@link prepareRunStream} for a continued task: its snapshot once the message runs. */
async function prepareContinuedStream(
  core: ServerCore,
  run: Run,
  historyLength: number | undefined,
  options: TaskFollowerOptions,
): Promise<StreamStart> {
  const log = core.store.events;
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
