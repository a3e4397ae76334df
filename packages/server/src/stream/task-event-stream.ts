import { type StreamResponse } from '@baton/protocol';

import { type TaskEventRecord, withSequence } from '../task-event.js';
import { type LateSignalReader, readSignalNextTurn, type SignalSource } from './late-signal.js';
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
  /**
   * The caller's context, when `signal` is not given: its signal closes the stream the same way,
   * but is read only once the stream outlives the turn of the event loop it was opened in. A
   * transport may create the signal on first read, and a stream that ends in its first turn
   * never needs it; one that closes through `return()` needs it even less.
   */
  context?: SignalSource | undefined;
  /** Called once when the stream closes, whatever the reason. */
  onClose?: ((stream: TaskEventStream) => void) | undefined;
}

type Result = IteratorResult<StreamResponse, undefined>;
const DONE: Result = Object.freeze({ done: true, value: undefined });

/**
 * A task's stream as an async iterator: `return()` (a `for await` that breaks) and an aborted
 * signal close it at once, even while a `next()` is pending, and free its subscription (a
 * signal read late, see {@link TaskEventStreamInit.context}, within a turn of it). Once
 * prepared, a `next()` waiting for a live event is one pending promise of the follower's, mapped
 * (no suspended async function), so idle streams stay small.
 */
export class TaskEventStream
  implements AsyncIterableIterator<StreamResponse>, FollowerReader<Result>, LateSignalReader
{
  readonly #closeAfter: (event: StreamResponse) => boolean;
  #signal: AbortSignal | undefined;
  /** Where the signal is read from once the stream outlives its first turn. */
  #context: SignalSource | undefined;
  readonly #onClose: ((stream: TaskEventStream) => void) | undefined;
  /** What `prepare` gave, until the first `next()` takes it. */
  #prepared: StreamStart | undefined;
  /** `prepare` failed: the first `next()` throws this. */
  #prepareFailed = false;
  #prepareError: unknown;
  #started = false;
  /** Items still to send first; dropped once sent. */
  #initial: StreamResponse[] | undefined;
  #follower: TaskFollower | undefined;
  #closed = false;
  #ending = false;
  readonly #onAbort = () => this.close();
  /** A first `next()` waiting for `prepare` (settled by it, or by the stream's end). */
  #firstWait: Promise<Result> | undefined;
  #firstWaiter:
    | { resolve: (result: Promise<Result> | Result) => void; reject: (error: unknown) => void }
    | undefined;

  /** `onClose`, when given, replaces `init.onClose` (saves the caller a copy of `init`). */
  constructor(init: TaskEventStreamInit, onClose = init.onClose) {
    this.#closeAfter = init.closeAfter;
    this.#onClose = onClose;
    // One reaction for both outcomes (no promise kept): what arrives after close() is let go.
    init.prepare().then(
      (start) => this.#onPrepared(start),
      (error: unknown) => this.#onPrepareFailed(error),
    );
    if (init.signal) this.#listen(init.signal);
    else if (init.context && 'signal' in init.context) {
      this.#context = init.context;
      readSignalNextTurn(this);
    }
  }

  /** @internal Reads the caller's signal (one turn after the stream opened), if still open. */
  readSignal(): void {
    const context = this.#context;
    this.#context = undefined;
    if (this.#closed || !context) return;
    const signal = context.signal;
    if (signal) this.#listen(signal);
  }

  #listen(signal: AbortSignal): void {
    if (signal.aborted) {
      this.close();
      return;
    }
    this.#signal = signal;
    signal.addEventListener('abort', this.#onAbort, { once: true });
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
    this.#context = undefined;
    this.#follower?.close();
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#prepared?.follower?.close();
    this.#prepared = undefined;
    const waiter = this.#firstWaiter;
    this.#firstWaiter = undefined;
    waiter?.resolve(DONE);
    this.#onClose?.(this);
  }

  #item(item: StreamResponse): Result {
    if (this.#closeAfter(item)) this.#ending = true;
    return { done: false, value: item };
  }

  /** The first `next()`: starts with what `prepare` gave, or waits for it (or the stream's end). */
  #firstNext(): Promise<Result> {
    if (this.#prepared) return this.#begin(this.#prepared);
    if (this.#prepareFailed) {
      const error = this.#prepareError;
      this.#prepareError = undefined;
      this.#prepareFailed = false;
      this.close();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what prepare threw
      return Promise.reject(error);
    }
    // A second call while the first waits reads after it.
    if (this.#firstWait) return this.#firstWait.then(() => this.next());
    return (this.#firstWait = new Promise<Result>((resolve, reject) => {
      this.#firstWaiter = { resolve, reject };
    }));
  }

  #onPrepared(start: StreamStart): void {
    if (this.#closed) {
      start.follower?.close();
      return;
    }
    this.#prepared = start;
    const waiter = this.#firstWaiter;
    if (!waiter) return;
    this.#firstWaiter = undefined;
    waiter.resolve(this.#begin(start));
  }

  #onPrepareFailed(error: unknown): void {
    if (this.#closed) return;
    const waiter = this.#firstWaiter;
    if (!waiter) {
      this.#prepareFailed = true;
      this.#prepareError = error;
      return;
    }
    this.#firstWaiter = undefined;
    this.close();
    waiter.reject(error);
  }

  /** Takes what `prepare` gave and reads the first item. */
  #begin(start: StreamStart): Promise<Result> {
    this.#prepared = undefined;
    this.#firstWait = undefined;
    this.#started = true;
    this.#initial = start.initial.length > 0 ? start.initial : undefined;
    this.#follower = start.follower;
    return this.next();
  }
}
