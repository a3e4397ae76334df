import { InternalError, type StreamResponse } from '@baton/protocol';

import { type EventLog, type ReadOptions, type Unsubscribe } from '../event-log.js';
import { type TaskEventRecord } from '../task-event.js';

/** Options of a {@link TaskFollower}. */
export interface TaskFollowerOptions {
  /** Live events buffered while the reader is busy; one more ends the follower with an error. */
  maxBuffered: number;
  /** Log entries to pass over silently (they still advance the position). */
  skip?: ((event: StreamResponse) => boolean) | undefined;
  /**
   * The reader never edits the entries it gets, so they may be the store's shared records, live
   * and read (see `SubscribeOptions.readsOnly` and `ReadOptions.readsOnly`).
   * @default false
   */
  readsOnly?: boolean | undefined;
}

/**
 * Maps what a follower's `next()` settles with, so that a reader that maps entries (a task's
 * stream) needs no second promise per entry.
 */
export interface FollowerReader<T> {
  /** The value of `next()` for an entry, or for the end (`undefined`); may throw. */
  readRecord(record: TaskEventRecord | undefined): T;
  /** Called with a failure before `next()` rejects with it. */
  readFailure(error: unknown): void;
}

const PLAIN: FollowerReader<TaskEventRecord | undefined> = {
  readRecord: (record) => record,
  readFailure: () => undefined,
};

const READ_PAGE = 256;
const READS_ONLY: ReadOptions = { readsOnly: true };
const NO_RECORDS: readonly TaskEventRecord[] = [];
/** What {@link TaskFollower.step} found when it has no entry to return. */
const DONE = 0;
const READ = 1;
const WAIT = 2;
type Step = TaskEventRecord | typeof DONE | typeof READ | typeof WAIT;

/**
 * Reads one task's events in sequence order from a starting point: the log after it, then live
 * events, with no gap and no duplicate. It subscribes when constructed, so construct it before
 * reading the snapshot or sequence number you pass to {@link start}. Live events that arrive
 * while the reader is busy are buffered up to `maxBuffered`; past that the follower ends with an
 * error instead of growing without bound. {@link close} unsubscribes at once.
 *
 * A reader waiting for the next live event holds one pending promise, settled by the event's
 * arrival (no suspended async function): idle followers are what an idle subscription costs.
 */
export class TaskFollower {
  readonly #log: EventLog;
  readonly #taskId: string;
  readonly #maxBuffered: number;
  readonly #skip: ((event: StreamResponse) => boolean) | undefined;
  readonly #readOptions: ReadOptions | undefined;
  #unsubscribe: Unsubscribe | undefined;
  #live: TaskEventRecord[] = [];
  #replay: readonly TaskEventRecord[] = NO_RECORDS;
  #replayAt = 0;
  #lastSeq = 0;
  #started = false;
  #needRead = true;
  #reading = false;
  #closed = false;
  #error: Error | undefined;
  /** The pending `next()`, if any. */
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #reader: FollowerReader<unknown> = PLAIN;
  /** A log read is filling a gap before a live entry. */
  #fillingGap = false;
  /** That read found nothing: the store cannot fill the gap, so deliver the live entry anyway. */
  #gapTolerated = false;

  constructor(log: EventLog, taskId: string, options: TaskFollowerOptions) {
    this.#log = log;
    this.#taskId = taskId;
    this.#maxBuffered = options.maxBuffered;
    this.#skip = options.skip;
    this.#readOptions = options.readsOnly === true ? READS_ONLY : undefined;
    this.#unsubscribe = log.subscribe(taskId, (record) => this.#onLive(record), {
      readsOnly: options.readsOnly,
    });
  }

  /** Starts after sequence number `afterSeq`: entries up to it are never returned. */
  start(afterSeq: number): void {
    this.#lastSeq = afterSeq;
    this.#started = true;
    if (this.#live.length > 0) this.#live = this.#live.filter((record) => record.seq > afterSeq);
  }

  /** Whether the follower was closed (by its reader, by an error, or by overflow). */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * The next entry; `undefined` once closed. Throws the overflow error, once. One call at a time:
   * a call while another is pending rejects. With a `reader`, settles with what it makes of the
   * entry instead.
   */
  next(): Promise<TaskEventRecord | undefined>;
  next<T>(reader: FollowerReader<T>): Promise<T>;
  next(reader: FollowerReader<unknown> = PLAIN): Promise<unknown> {
    if (!this.#started) {
      return Promise.reject(new Error('TaskFollower.start() must be called before next()'));
    }
    if (this.#resolve) {
      return Promise.reject(
        new Error('TaskFollower.next() called while another next() is pending'),
      );
    }
    let step: Step;
    try {
      step = this.#step();
      if (step === DONE) return Promise.resolve(reader.readRecord(undefined));
      if (step !== READ && step !== WAIT) return Promise.resolve(reader.readRecord(step));
    } catch (error) {
      reader.readFailure(error);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what was thrown
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      this.#reader = reader;
      if (step === READ) this.#read();
    });
  }

  /** Stops following: unsubscribes and drops buffers at once; a pending `next` returns done. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#live = [];
    this.#replay = NO_RECORDS;
    // A log read still under way is ignored when it completes.
    this.#reading = false;
    this.#settle();
  }

  /** What the reader gets now: an entry, the end, or the need to read the log or to wait. */
  #step(): Step {
    for (;;) {
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined;
        throw error;
      }
      if (this.#closed) return DONE;
      const replaying = this.#replayAt < this.#replay.length;
      // A page read is let go once replayed: it may hold a large task snapshot.
      if (!replaying && this.#replay !== NO_RECORDS) this.#replay = NO_RECORDS;
      if (this.#needRead && !replaying) return READ;
      const record = replaying ? this.#replay[this.#replayAt++] : this.#live.shift();
      if (!record) return WAIT;
      if (record.seq <= this.#lastSeq) continue;
      if (record.seq > this.#lastSeq + 1 && !this.#gapTolerated) {
        // Missed entries (a store that notifies out of order): fill the gap from the log.
        this.#live.unshift(record);
        this.#needRead = true;
        this.#fillingGap = true;
        continue;
      }
      this.#gapTolerated = false;
      this.#lastSeq = record.seq;
      if (this.#skip?.(record.event)) continue;
      return record;
    }
  }

  /** Settles the pending `next()` once there is an answer for it. */
  #settle(): void {
    if (!this.#resolve || this.#reading) return;
    let step: Step;
    try {
      step = this.#step();
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (step === WAIT) return;
    if (step === READ) {
      this.#read();
      return;
    }
    const resolve = this.#resolve;
    const reject = this.#reject!;
    const reader = this.#reader;
    this.#resolve = this.#reject = undefined;
    this.#reader = PLAIN;
    let value: unknown;
    try {
      value = reader.readRecord(step === DONE ? undefined : step);
    } catch (error) {
      reader.readFailure(error);
      reject(error);
      return;
    }
    resolve(value);
  }

  /** Rejects the pending `next()`. */
  #fail(error: unknown): void {
    const reject = this.#reject;
    const reader = this.#reader;
    this.#resolve = this.#reject = undefined;
    this.#reader = PLAIN;
    reader.readFailure(error);
    reject?.(error);
  }

  /** Reads the next page of the log for the pending `next()`; a failed read rejects it. */
  #read(): void {
    this.#reading = true;
    let page: Promise<TaskEventRecord[]>;
    try {
      page = this.#log.read(this.#taskId, this.#lastSeq, READ_PAGE, this.#readOptions);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what read threw
      page = Promise.reject(error);
    }
    page.then(
      (records) => {
        if (!this.#reading) return;
        this.#reading = false;
        this.#needRead = records.length === READ_PAGE;
        this.#replay = records;
        this.#replayAt = 0;
        if (records.length === 0 && this.#fillingGap) this.#gapTolerated = true;
        this.#fillingGap = false;
        this.#settle();
      },
      (error: unknown) => {
        if (!this.#reading) return;
        this.#reading = false;
        this.#fail(error);
      },
    );
  }

  #onLive(record: TaskEventRecord): void {
    if (this.#closed || (this.#started && record.seq <= this.#lastSeq)) return;
    if (this.#live.length >= this.#maxBuffered) {
      // The error first: closing settles a pending `next()`, which must see it.
      this.#error = new InternalError(
        `The stream of task ${this.#taskId} fell more than ${this.#maxBuffered} events behind and was closed; subscribe again (with the last event id) to continue`,
        { metadata: { taskId: this.#taskId } },
      );
      this.close();
      return;
    }
    this.#live.push(record);
    this.#settle();
  }
}
