import type Database from 'better-sqlite3';

interface Pending<T> {
  run: () => T;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The most writes one commit carries; the rest wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit: writes requested in the same turn of the event loop run in one immediate
 * transaction, each in a savepoint of its own (a write that throws is rolled back alone), and
 * share one commit — one sync of the log with `synchronous=FULL`. Each promise settles after the
 * commit, in request order, and `onCommitted` sees each successful result before its caller does.
 */
export class CommitQueue<T> {
  readonly #db: Database.Database;
  readonly #onCommitted: (value: T) => void;
  readonly #batch;
  #queue: Pending<T>[] = [];
  #scheduled = false;

  constructor(db: Database.Database, onCommitted: (value: T) => void) {
    this.#db = db;
    this.#onCommitted = onCommitted;
    this.#batch = db.transaction((pending: Pending<T>[]): Outcome<T>[] =>
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

  /** Runs `run` inside the next commit's transaction; it must call nested `db.transaction`s. */
  enqueue(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        queueMicrotask(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#queue.splice(0, MAX_BATCH);
    if (this.#queue.length > 0) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
    let outcomes: Outcome<T>[];
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
      this.#onCommitted(outcome.value);
      entry.resolve(outcome.value);
    });
  }
}
