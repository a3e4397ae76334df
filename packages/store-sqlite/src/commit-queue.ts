import type Database from 'better-sqlite3';

import { type WalSync } from './wal-sync.js';
import { type BatchWrite, type Outcome, type StagedWork, WriteBatch } from './write-batch.js';

interface Pending extends BatchWrite {
  committed: ((value: unknown) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

const RESOLVED = Promise.resolve();

/** Options of {@link CommitQueue.enqueue}. */
export interface EnqueueOptions<T> {
  /** Called with the result once durable, before the promise resolves. */
  committed?: ((value: T) => void) | undefined;
  /** Apply the staged work of the writes before this one first (it reads or deletes it). */
  applyStaged?: boolean | undefined;
}

/** The most writes one commit carries; the rest wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit for one connection: every write of the store (event appends, task creation,
 * conversation messages) queued before the next turn of the event loop runs in one immediate
 * transaction (a write that throws is refused alone: see {@link WriteBatch}), and they share one
 * commit and one sync of the log. The batch is flushed with `setImmediate`, after pending I/O:
 * the writes of requests read in the same turn, and those the previous commit's callers go on to
 * make, share a sync instead of paying one each. With a {@link WalSync}, the sync runs off the
 * event loop while the next batch gathers, and that batch commits once the sync is done. Each promise settles once its commit is durable, in request order, and its `committed`
 * hook sees the result first.
 */
export class CommitQueue {
  readonly #db: Database.Database;
  readonly #batch: WriteBatch;
  readonly #sync: WalSync | undefined;
  #queue: Pending[] = [];
  #scheduled = false;
  /**
   * Settles once the batch being synced is settled (its writes acknowledged or failed);
   * {@link RESOLVED} when no sync is in flight. Meanwhile the next batch gathers.
   */
  #synced: Promise<void> = RESOLVED;

  /**
   * Without `sync`, a commit is durable when it returns (or as durable as the connection makes
   * it). `staged` is what the writes stage for their commit.
   */
  constructor(db: Database.Database, sync?: WalSync, staged?: StagedWork) {
    this.#db = db;
    this.#sync = sync;
    this.#batch = new WriteBatch(db, staged);
  }

  /**
   * Runs `run` inside the next commit's transaction (see {@link WriteBatch}: when it refuses,
   * it throws before changing anything, or it may run again); `options.committed` is called with
   * its result once durable, before the promise resolves. Reads wait for {@link durable} so that
   * they do not see it earlier.
   */
  enqueue<T>(run: () => T, options: EnqueueOptions<T> = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        run,
        applyStaged: options.applyStaged === true,
        committed: options.committed as ((value: unknown) => void) | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.#schedule();
    });
  }

  /**
   * Resolves once nothing this connection has committed is waiting for its sync: what a read
   * then sees is durable. At once when no sync is in flight.
   */
  durable(): Promise<void> {
    return this.#synced;
  }

  #schedule(): void {
    if (this.#scheduled || this.#synced !== RESOLVED || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#queue.splice(0, MAX_BATCH);
    let outcomes: Outcome[];
    try {
      if (!this.#db.open) throw new TypeError('the SQLite store is closed');
      outcomes = this.#batch.run(pending);
    } catch (error) {
      for (const entry of pending) entry.reject(error);
      this.#schedule();
      return;
    }
    if (!this.#sync) {
      settle(pending, outcomes);
      this.#schedule();
      return;
    }
    // Writes queued while the log syncs form the next batch: one commit and one sync for all
    // of them, which also writes each changed page to the log once instead of once per commit.
    this.#synced = this.#sync.request().then(
      () => {
        this.#synced = RESOLVED;
        try {
          settle(pending, outcomes);
        } finally {
          this.#schedule();
        }
      },
      (error: unknown) => {
        this.#synced = RESOLVED;
        for (const entry of pending) entry.reject(error);
        this.#schedule();
      },
    );
  }
}

function settle(pending: Pending[], outcomes: Outcome[]): void {
  pending.forEach((entry, index) => {
    const outcome = outcomes[index]!;
    if (!outcome.ok) return entry.reject(outcome.error);
    entry.committed?.(outcome.value);
    entry.resolve(outcome.value);
  });
}
