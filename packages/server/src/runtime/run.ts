import { type Message, type SendMessageRequest, type Task } from '@baton/protocol';

import { type RequestContext } from '../agent-executor.js';
import { type Caller } from '../caller.js';
import { type TaskScope } from '../task-scope.js';
import { type Deferred, deferred, lazyDeferred } from './deferred.js';

/** How a run first answered: it created (or continued) a task, or replied directly. */
export type RunOutcome = { kind: 'task' } | { kind: 'message'; message: Message };

/** Everything one execution of the executor needs to know about its request. */
export interface RunInit {
  taskId: string;
  contextId: string;
  /** The incoming message with `taskId` and `contextId` filled in. */
  message: Message;
  params: SendMessageRequest;
  caller: Caller;
  tenant: string;
  extensions: readonly string[];
  /** The task the message continues; undefined for a new task. */
  existing: Task | undefined;
  /** A task handed back to the executor by start-up recovery: no new message, `resume` runs. */
  resumed?: boolean | undefined;
}

/**
 * One execution of the executor for one incoming message: its abort signal, and the moments a
 * request waits for (started, first answer, done).
 */
export class Run {
  readonly init: RunInit;
  readonly scope: TaskScope;
  #controller: AbortController | undefined;
  #abortReason: unknown;
  #aborted = false;
  /** Resolves with the sequence number after which this run's task events follow. */
  readonly started: Deferred<number> = deferred();
  /** Resolves when the task exists (or continues) or the executor replied directly. */
  readonly outcome: Deferred<RunOutcome> = deferred();
  /** Resolves when the execution is over and its end rules have been applied. */
  readonly done: Deferred<void> = lazyDeferred();
  /** The task before this run's message was added (continued tasks). */
  taskBefore: Task | undefined;
  /** Where the incoming message sits in its conversation. */
  messagePosition: number | undefined;
  context: RequestContext | undefined;
  replied = false;
  cancelRequested = false;
  shutdownRequested = false;

  constructor(init: RunInit) {
    this.init = init;
    this.scope = { tenant: init.tenant, owner: init.caller.id };
    this.taskBefore = init.existing;
  }

  /**
   * The executor's abort signal, made on first use: most runs never read it, and an AbortSignal
   * costs more to create than the rest of a run's bookkeeping.
   */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Aborts the executor's signal (the first reason wins, as with an AbortController). */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  get taskId(): string {
    return this.init.taskId;
  }

  get contextId(): string {
    return this.init.contextId;
  }

  /** Shutdown stopped waiting for this executor. */
  #abandoned = false;
  #onAbandoned: (() => void) | undefined;

  /** Stops waiting for this run's executor (shutdown). */
  abandon(): void {
    this.#abandoned = true;
    const callback = this.#onAbandoned;
    this.#onAbandoned = undefined;
    callback?.();
  }

  /** Calls `callback` once the run is abandoned (at once when it already is); one at a time. */
  whenAbandoned(callback: () => void): void {
    if (this.#abandoned) callback();
    else this.#onAbandoned = callback;
  }

  /** Ends the run before it started (a queued message that can no longer run). */
  drop(error: unknown): void {
    this.started.reject(error);
    this.outcome.reject(error);
    this.done.resolve();
  }
}
