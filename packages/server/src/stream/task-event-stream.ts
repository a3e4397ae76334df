import { type StreamResponse } from '@baton/protocol';

import { withSequence } from '../task-event.js';
import { type TaskFollower } from './task-follower.js';

/** How a stream begins: items sent first, then (optionally) the task's events from a follower. */
export interface StreamStart {
  /** Sent first, in order (already tagged with their sequence numbers where they have one). */
  initial: StreamResponse[];
  /** A started follower for what comes next; none means the stream ends after `initial`. */
  follower?: TaskFollower | undefined;
}

/** How to build a {@link TaskEventStream}. */
export interface TaskEventStreamInit {
  /** Runs at once; its failure is thrown by the first `next()`. */
  prepare(): Promise<StreamStart>;
  /** The stream ends right after an item for which this is true. */
  closeAfter(event: StreamResponse): boolean;
  /** Aborting closes the stream at once. */
  signal?: AbortSignal | undefined;
  /** Called once when the stream closes, whatever the reason. */
  onClose?: (() => void) | undefined;
}

/**
 * A task's stream as an async iterator: `return()` (a `for await` that breaks) and an aborted
 * signal close it at once, even while a `next()` is pending, and free its subscription.
 */
export class TaskEventStream implements AsyncIterableIterator<StreamResponse> {
  readonly #init: TaskEventStreamInit;
  readonly #ready: Promise<StreamStart>;
  #start: StreamStart | undefined;
  #closed = false;
  #ending = false;
  #onAbort = () => this.close();
  #closedSignal: Promise<undefined>;
  #signalClosed!: () => void;

  constructor(init: TaskEventStreamInit) {
    this.#init = init;
    this.#closedSignal = new Promise((resolve) => {
      this.#signalClosed = () => resolve(undefined);
    });
    this.#ready = init.prepare().then((start) => {
      if (this.#closed) start.follower?.close();
      return start;
    });
    this.#ready.catch(() => {});
    if (init.signal?.aborted) this.close();
    else init.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Whether the stream has ended. */
  get closed(): boolean {
    return this.#closed;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<StreamResponse, undefined>> {
    try {
      const item = await this.#nextItem();
      if (item === undefined) {
        this.close();
        return { done: true, value: undefined };
      }
      if (this.#init.closeAfter(item)) this.#ending = true;
      return { done: false, value: item };
    } catch (error) {
      this.close();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<StreamResponse, undefined>> {
    this.close();
    return { done: true, value: undefined };
  }

  /** Ends the stream: pending and later `next()` calls return done. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#start?.follower?.close();
    this.#init.signal?.removeEventListener('abort', this.#onAbort);
    this.#signalClosed();
    this.#init.onClose?.();
  }

  async #nextItem(): Promise<StreamResponse | undefined> {
    if (this.#closed || this.#ending) return undefined;
    if (!this.#start) {
      const start = await Promise.race([this.#ready, this.#closedSignal]);
      if (!start || this.#closed) return undefined;
      this.#start = start;
    }
    const initial = this.#start.initial.shift();
    if (initial) return initial;
    const follower = this.#start.follower;
    if (!follower) return undefined;
    const record = await follower.next();
    if (!record || this.#closed) return undefined;
    return withSequence(record.event, record.seq);
  }
}
