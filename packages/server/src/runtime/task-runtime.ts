import {
  isInterruptedState,
  isTerminalState,
  type JsonObject,
  nowTimestamp,
  TaskNotFoundError,
  toA2AError,
  UnsupportedOperationError,
} from '@baton/protocol';

import { type Caller } from '../caller.js';
import { errorMessage } from '../logger.js';
import { type StoredTask } from '../task-store.js';
import { type ServerCore } from './core.js';
import { delay } from './deferred.js';
import {
  type ExecutionResult,
  finishRun,
  SERVER_MESSAGES,
  writeServerStatus,
} from './finish-run.js';
import { createRequestContext } from './request-context.js';
import { Run } from './run.js';
import { RunEvents } from './run-events.js';
import { type TaskWriter } from './task-writer.js';

const RETURNED: ExecutionResult = { kind: 'returned' };
const ABANDONED: ExecutionResult = { kind: 'abandoned' };

/** Where runtimes register and release themselves and their runs. */
export interface RuntimeHost {
  track(run: Run): void;
  untrack(run: Run): void;
  release(runtime: TaskRuntime): void;
}

/** Whether a task state means the task accepts no more messages. */
export function terminalTaskError(taskId: string, state: string): UnsupportedOperationError {
  return new UnsupportedOperationError(
    `Task ${taskId} is ${state} and accepts no more messages; send a new message in the same context instead`,
    { metadata: { taskId } },
  );
}

/**
 * One task's executions on this instance: at most one run at a time, later messages queued
 * (bounded) and executed in order, and cancellation.
 */
export class TaskRuntime {
  readonly taskId: string;
  readonly writer: TaskWriter;
  #core: ServerCore;
  #host: RuntimeHost;
  #current: Run | undefined;
  #queue: Run[] = [];

  constructor(core: ServerCore, host: RuntimeHost, writer: TaskWriter) {
    this.#core = core;
    this.#host = host;
    this.writer = writer;
    this.taskId = writer.taskId;
  }

  /** Whether no run is executing or waiting. */
  get idle(): boolean {
    return this.#current === undefined && this.#queue.length === 0;
  }

  /** Starts the run now, or queues it behind the running one. */
  submit(run: Run): 'started' | 'queued' {
    if (!this.#current) {
      this.#start(run);
      return 'started';
    }
    const max = this.#core.limits.maxQueuedMessagesPerTask;
    if (this.#queue.length >= max) {
      throw new UnsupportedOperationError(
        `Task ${this.taskId} already has ${this.#queue.length} messages waiting for its running executor (the limit is ${max}); retry when it has finished`,
        { metadata: { taskId: this.taskId } },
      );
    }
    this.#queue.push(run);
    this.#host.track(run);
    return 'queued';
  }

  /** Drops every queued run with `error`. */
  dropQueued(error: unknown): void {
    for (const run of this.#queue.splice(0)) {
      run.drop(error);
      this.#host.untrack(run);
    }
  }

  /**
   * Cancels the task: queued messages are dropped, the running executor's signal aborts, the
   * executor's `cancel` runs (bounded by `cancelTimeoutMs`), and the server writes CANCELED if
   * the task is still not terminal. The caller reads the task afterwards to see who won a race.
   */
  async cancel(stored: StoredTask, caller: Caller, metadata?: JsonObject): Promise<void> {
    this.dropQueued(
      new UnsupportedOperationError(`Task ${this.taskId} was canceled before this message ran`),
    );
    const current = this.#current;
    if (current) {
      current.cancelRequested = true;
      current.abort(new Error(`Task ${this.taskId} was canceled`));
    }
    const { executor } = this.#core;
    if (executor.cancel) {
      const run = current ?? this.#syntheticRun(stored, caller);
      const events = new RunEvents(this.#core, run, this.writer);
      const context = current?.context ?? createRequestContext(this.#core, run);
      const cancelling = Promise.resolve().then(() => executor.cancel!(context, events));
      const timeout = new AbortController();
      try {
        await Promise.race([cancelling, delay(this.#core.cancelTimeoutMs, timeout.signal)]);
      } catch (error) {
        this.#core.logger.warn('the executor failed to cancel', {
          taskId: this.taskId,
          error: errorMessage(error),
        });
      } finally {
        timeout.abort();
        events.close('Cancel handling has ended');
        cancelling.catch(() => {});
      }
    }
    await this.writer.enqueue(async () => {
      const state = this.writer.state;
      if (state !== undefined && isTerminalState(state)) return;
      await writeServerStatus(
        this.#core,
        this.writer,
        'TASK_STATE_CANCELED',
        SERVER_MESSAGES.canceled,
        metadata,
      );
    });
  }

  /** Aborts the running executor for shutdown; queued runs are dropped by the caller. */
  requestShutdown(): void {
    const current = this.#current;
    if (!current) return;
    current.shutdownRequested = true;
    current.abort(new Error('The server is shutting down'));
  }

  #start(run: Run): void {
    this.#current = run;
    this.#host.track(run);
    void this.#execute(run);
  }

  async #execute(run: Run): Promise<void> {
    try {
      if (!(await this.#begin(run))) return;
      const events = new RunEvents(this.#core, run, this.writer);
      run.context = createRequestContext(this.#core, run);
      const result = await this.#invoke(run, events);
      await this.writer.enqueue(() => finishRun(this.#core, run, this.writer, events, result));
    } catch (error) {
      this.#core.logger.error('a task run failed unexpectedly', {
        taskId: this.taskId,
        error: errorMessage(error),
      });
      run.outcome.reject(toA2AError(error));
      run.started.reject(toA2AError(error));
    } finally {
      run.done.resolve();
      this.#host.untrack(run);
      this.#current = undefined;
      const next = this.#queue.shift();
      if (next) this.#start(next);
      else this.#host.release(this);
    }
  }

  /** Adds the incoming message (to the task's log for a continued task). False: run dropped. */
  async #begin(run: Run): Promise<boolean> {
    if (run.init.resumed) {
      run.started.resolve(0);
      run.outcome.resolve({ kind: 'task' });
      return true;
    }
    if (!run.init.existing) {
      run.messagePosition = await this.writer.recordMessage(run.init.message);
      run.started.resolve(0);
      return true;
    }
    let seq: number;
    try {
      seq = await this.writer.enqueue(async () => {
        const stored = await this.#core.store.tasks.get(run.scope, this.taskId);
        if (!stored) throw new TaskNotFoundError(undefined, { metadata: { taskId: this.taskId } });
        const { state } = stored.task.status;
        if (isTerminalState(state)) throw terminalTaskError(this.taskId, state);
        run.taskBefore = stored.task;
        const logged = await this.writer.append({ message: run.init.message }, false);
        // The answer ends the interruption: the task works again, so that a run which writes
        // nothing still meets the end-of-run rules and waiters see a fresh settling event.
        if (isInterruptedState(state)) await this.#resume();
        return logged.record.seq;
      });
    } catch (error) {
      run.drop(toA2AError(error));
      return false;
    }
    run.messagePosition = await this.writer.recordMessage(run.init.message);
    run.started.resolve(seq);
    run.outcome.resolve({ kind: 'task' });
    return true;
  }

  /** Moves an interrupted task back to WORKING when a message answers it. */
  async #resume(): Promise<void> {
    const statusUpdate = {
      taskId: this.taskId,
      contextId: this.writer.contextId,
      status: { state: 'TASK_STATE_WORKING' as const, timestamp: nowTimestamp() },
    };
    await this.writer.append({ statusUpdate }, false);
  }

  /**
   * Calls `execute` (a sync throw counts as a rejection) and settles with how it ended, or as
   * abandoned when shutdown stops waiting first.
   */
  #invoke(run: Run, events: RunEvents): Promise<ExecutionResult> {
    const { executor } = this.#core;
    let execution: Promise<void>;
    try {
      execution = Promise.resolve(
        run.init.resumed && executor.resume
          ? executor.resume(run.context!, events)
          : executor.execute(run.context!, events),
      );
    } catch (error) {
      return Promise.resolve({ kind: 'threw', error });
    }
    return new Promise<ExecutionResult>((resolve) => {
      let settled = false;
      execution.then(
        () => {
          settled = true;
          resolve(RETURNED);
        },
        (error: unknown) => {
          settled = true;
          resolve({ kind: 'threw', error });
        },
      );
      run.whenAbandoned(() => {
        if (!settled) {
          execution.catch((error: unknown) => {
            this.#core.logger.warn('an abandoned executor failed after shutdown', {
              taskId: this.taskId,
              error: errorMessage(error),
            });
          });
        }
        resolve(ABANDONED);
      });
    });
  }

  /** A run standing for "no execution", to give `executor.cancel` a context. */
  #syntheticRun(stored: StoredTask, caller: Caller): Run {
    const history = stored.task.history ?? [];
    const message = [...history].reverse().find((m) => m.role === 'ROLE_USER') ??
      history.at(-1) ?? {
        messageId: this.#core.newId(),
        role: 'ROLE_USER',
        parts: [{ text: '' }],
      };
    const filled = { ...message, taskId: this.taskId, contextId: this.writer.contextId };
    const run = new Run({
      taskId: this.taskId,
      contextId: this.writer.contextId,
      message: filled,
      params: { message: filled },
      caller,
      tenant: stored.tenant,
      extensions: [],
      existing: stored.task,
    });
    run.cancelRequested = true;
    run.abort(new Error(`Task ${this.taskId} was canceled`));
    return run;
  }
}
