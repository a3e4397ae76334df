import { type StreamResponse } from '@baton/protocol';

import { type TaskEventRecord, withSequence } from '../task-event.js';
import { type FollowerReader, type TaskFollower } from './task-follower.js';

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
  closeAfter: (event: StreamResponse) => boolean;
  /** Aborting closes the stream at once. */
  signal?: AbortSignal | undefined;
  /** Called once when the stream closes, whatever the reason. */
  onClose?: (() => void) | undefined;
}

type Result = IteratorResult<StreamResponse, undefined>;
const DONE: Result = Object.freeze({ done: true, value: undefined });

/**
 * A task's stream as an async iterator: `return()` (a `for await` that breaks) and an aborted
 * signal close it at once, even while a `next()` is pending, and free its subscription. Once
 * prepared, a `next()` waiting for a live event is one pending promise of the follower's, mapped
 * (no suspended async function), so idle streams stay small.
 */
export class TaskEventStream
  implements AsyncIterableIterator<StreamResponse>, FollowerReader<Result>
{
  readonly #closeAfter: (event: StreamResponse) => boolean;
  readonly #signal: AbortSignal | undefined;
  readonly #onClose: (() => void) | undefined;
  /** Until the stream is prepared. */
  #ready: Promise<StreamStart> | undefined;
  #started = false;
  /** Items still to send first; dropped once sent. */
  #initial: StreamResponse[] | undefined;
  #follower: TaskFollower | undefined;
  #closed = false;
  #ending = false;
  readonly #onAbort = () => this.close();
  /** Settles when the stream closes, for a first `next()` waiting for `prepare`. */
  #closedWait: Promise<undefined> | undefined;
  #wakeClosed: (() => void) | undefined;

  constructor(init: TaskEventStreamInit) {
    this.#closeAfter = init.closeAfter;
    this.#signal = init.signal;
    this.#onClose = init.onClose;
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

  next(): Promise<Result> {
    if (this.#closed || this.#ending) {
      this.close();
      return Promise.resolve(DONE);
    }
    if (!this.#started) return this.#firstNext();
    if (this.#initial) {
      const initial = this.#initial.shift();
      if (this.#initial.length === 0) this.#initial = undefined;
      if (initial) return Promise.resolve(this.#item(initial));
    }
    const follower = this.#follower;
    if (!follower) {
      this.close();
      return Promise.resolve(DONE);
    }
    return follower.next(this);
  }

  /** @internal What `next()` returns for an entry of the follower (or its end). */
  readRecord(record: TaskEventRecord | undefined): Result {
    if (!record || this.#closed) {
      this.close();
      return DONE;
    }
    return this.#item(withSequence(record.event, record.seq));
  }

  /** @internal The follower failed: the stream ends, and `next()` throws the error. */
  readFailure(): void {
    this.close();
  }

  return(): Promise<Result> {
    this.close();
    return Promise.resolve(DONE);
  }

  /** Ends the stream: pending and later `next()` calls return done. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#follower?.close();
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#wakeClosed?.();
    this.#onClose?.();
  }

  #item(item: StreamResponse): Result {
    if (this.#closeAfter(item)) this.#ending = true;
    return { done: false, value: item };
  }

  /** The first `next()`: waits for `prepare` (or the stream's end), then reads. */
  async #firstNext(): Promise<Result> {
    try {
      this.#closedWait ??= new Promise<undefined>((resolve) => {
        this.#wakeClosed = () => resolve(undefined);
      });
      const start = await Promise.race([this.#ready, this.#closedWait]);
      this.#closedWait = this.#wakeClosed = undefined;
      if (!start || this.#closed) {
        start?.follower?.close();
        this.close();
        return DONE;
      }
      this.#started = true;
      this.#initial = start.initial.length > 0 ? start.initial : undefined;
      this.#follower = start.follower;
      this.#ready = undefined;
      return await this.next();
    } catch (error) {
      this.close();
      throw error;
    }
  }
}
