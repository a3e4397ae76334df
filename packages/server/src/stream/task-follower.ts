import { InternalError, type StreamResponse } from '@baton/protocol';

import { type EventLog, type Unsubscribe } from '../event-log.js';
import { type TaskEventRecord } from '../task-event.js';

/** Options of a {@link TaskFollower}. */
export interface TaskFollowerOptions {
  /** Live events buffered while the reader is busy; one more ends the follower with an error. */
  maxBuffered: number;
  /** Log entries to pass over silently (they still advance the position). */
  skip?: ((event: StreamResponse) => boolean) | undefined;
}

const READ_PAGE = 256;

/**
 * Reads one task's events in sequence order from a starting point: the log after it, then live
 * events, with no gap and no duplicate. It subscribes when constructed, so construct it before
 * reading the snapshot or sequence number you pass to {@link start}. Live events that arrive
 * while the reader is busy are buffered up to `maxBuffered`; past that the follower ends with an
 * error instead of growing without bound. {@link close} unsubscribes at once.
 */
export class TaskFollower {
  readonly #log: EventLog;
  readonly #taskId: string;
  readonly #options: TaskFollowerOptions;
  #unsubscribe: Unsubscribe | undefined;
  #live: TaskEventRecord[] = [];
  #replay: TaskEventRecord[] = [];
  #lastSeq = 0;
  #started = false;
  #needRead = true;
  #closed = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  /** A log read is filling a gap before a live entry. */
  #fillingGap = false;
  /** That read found nothing: the store cannot fill the gap, so deliver the live entry anyway. */
  #gapTolerated = false;

  constructor(log: EventLog, taskId: string, options: TaskFollowerOptions) {
    this.#log = log;
    this.#taskId = taskId;
    this.#options = options;
    this.#unsubscribe = log.subscribe(taskId, (record) => this.#onLive(record));
  }

  /** Starts after sequence number `afterSeq`: entries up to it are never returned. */
  start(afterSeq: number): void {
    this.#lastSeq = afterSeq;
    this.#started = true;
    this.#live = this.#live.filter((record) => record.seq > afterSeq);
  }

  /** Whether the follower was closed (by its reader, by an error, or by overflow). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The next entry; `undefined` once closed. Throws the overflow error, once. */
  async next(): Promise<TaskEventRecord | undefined> {
    if (!this.#started) throw new Error('TaskFollower.start() must be called before next()');
    for (;;) {
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined;
        throw error;
      }
      if (this.#closed) return undefined;
      if (this.#needRead && this.#replay.length === 0) {
        const page = await this.#log.read(this.#taskId, this.#lastSeq, READ_PAGE);
        this.#needRead = page.length === READ_PAGE;
        this.#replay = page;
        if (page.length === 0 && this.#fillingGap) this.#gapTolerated = true;
        this.#fillingGap = false;
        continue;
      }
      const record = this.#replay.shift() ?? this.#live.shift();
      if (!record) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
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
      if (this.#options.skip?.(record.event)) continue;
      return record;
    }
  }

  /** Stops following: unsubscribes and drops buffers at once; a pending `next` returns done. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#live = [];
    this.#replay = [];
    this.#wake?.();
  }

  #onLive(record: TaskEventRecord): void {
    if (this.#closed || (this.#started && record.seq <= this.#lastSeq)) return;
    if (this.#live.length >= this.#options.maxBuffered) {
      this.close();
      this.#error = new InternalError(
        `The stream of task ${this.#taskId} fell more than ${this.#options.maxBuffered} events behind and was closed; subscribe again (with the last event id) to continue`,
        { metadata: { taskId: this.#taskId } },
      );
      return;
    }
    this.#live.push(record);
    this.#wake?.();
  }
}
