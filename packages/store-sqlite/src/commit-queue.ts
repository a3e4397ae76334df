import type Database from 'better-sqlite3';

interface Pending {
  run: () => unknown;
  committed: ((value: unknown) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The most writes one commit carries; the rest wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit for one connection: every write of the store (event appends, task creation,
 * conversation messages) queued before the next turn of the event loop runs in one immediate
 * transaction, each in a savepoint of its own (a write that throws is rolled back alone), and
 * they share one commit — one sync of the log with `synchronous=FULL`. The batch is flushed with
 * `setImmediate`, after pending I/O: the writes of requests read in the same turn, and those the
 * previous commit's callers go on to make, share a sync instead of paying one each. Each promise
 * settles after the commit, in request order, and its `committed` hook sees the result first.
 */
export class CommitQueue {
  readonly #db: Database.Database;
  readonly #batch;
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(db: Database.Database) {
    this.#db = db;
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
   * `committed` is called with its result once durable, before the promise resolves.
   */
  enqueue<T>(run: () => T, committed?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        run,
        committed: committed as ((value: unknown) => void) | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#queue.splice(0, MAX_BATCH);
    if (this.#queue.length > 0) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    let outcomes: Outcome[];
    try {
      if (!this.#db.open) throw new TypeError('the SQLite store is closed');
      outcomes = this.#batch.immediate(pending);
    } catch (error) {
      for (const entry of pending) entry.reject(error);
      return;
    }
    pending.forEach((entry, index) => {
      const outcome = outcomes[index]!;
      if (!outcome.ok) return entry.reject(outcome.error);
      entry.committed?.(outcome.value);
      entry.resolve(outcome.value);
    });
  }
}
