import type Database from 'better-sqlite3';

import { type WalSync } from './wal-sync.js';

interface Pending {
  run: () => unknown;
  committed: ((value: unknown) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const RESOLVED = Promise.resolve();

/** The most writes one commit carries; the rest wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit for one connection: every write of the store (event appends, task creation,
 * conversation messages) queued before the next turn of the event loop runs in one immediate
 * transaction, each in a savepoint of its own (a write that throws is rolled back alone), and
 * they share one commit and one sync of the log. The batch is flushed with `setImmediate`, after
 * pending I/O: the writes of requests read in the same turn, and those the previous commit's
 * callers go on to make, share a sync instead of paying one each. With a {@link WalSync}, the
 * sync runs off the event loop while the next batch gathers, and that batch commits once the sync
 * is done. Each promise settles once its commit is durable, in request order, and its `committed`
 * hook sees the result first.
 */
export class CommitQueue {
  readonly #db: Database.Database;
  readonly #batch;
  readonly #sync: WalSync | undefined;
  #queue: Pending[] = [];
  #scheduled = false;
  /**
   * Settles once the batch being synced is settled (its writes acknowledged or failed);
   * {@link RESOLVED} when no sync is in flight. Meanwhile the next batch gathers.
   */
  #synced: Promise<void> = RESOLVED;

  /** Without `sync`, a commit is durable when it returns (or as durable as the connection makes it). */
  constructor(db: Database.Database, sync?: WalSync) {
    this.#db = db;
    this.#sync = sync;
    this.#batch = db.transaction((pending: Pending[]): Outcome[] =>
      pending.map((entry) => {
        // An I/O error may have rolled the whole transaction back: never run on in autocommit.
        if (!this.#db.inTransaction) throw new Error('the batch transaction was rolled back');
        try {
          return { ok: true, value: entry.run() };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Runs `run` inside the next commit's transaction (it must use nested `db.transaction`s);
   * `committed` is called with its result once durable, before the promise resolves. Reads wait
   * for {@link durable} so that they do not see it earlier.
   */
  enqueue<T>(run: () => T, committed?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        run,
        committed: committed as ((value: unknown) => void) | undefined,
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
      outcomes = this.#batch.immediate(pending);
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
