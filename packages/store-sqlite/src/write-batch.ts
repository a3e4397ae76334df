import type Database from 'better-sqlite3';

/**
 * Work that the writes of a batch stage instead of doing themselves, applied once after the last
 * write and before the commit. A write stages only once it has returned, so a refused write stages
 * nothing; a failed batch discards all of it.
 */
export interface StagedWork {
  apply(): void;
  discard(): void;
}

/** One write of a batch. */
export interface BatchWrite {
  run: () => unknown;
  /** Apply the staged work of the writes before this one first. */
  applyStaged: boolean;
}

/** What one write of a batch came to. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A write threw after it had changed rows: only a savepoint can undo it alone. */
class HalfWritten extends Error {}

/**
 * Runs a batch of writes in one immediate transaction, where a write that throws is refused alone
 * and the others commit. Writes run back to back, without a savepoint each: a savepoint makes
 * SQLite copy every page a write touches to a sub-journal (≈ 13 % of a SendMessage's store CPU),
 * and the writes that get refused (a reducer that throws, an unknown task, a duplicate id) throw
 * before they change anything. A write that throws after changing rows (`total_changes()` moved)
 * makes the whole transaction roll back and the batch run again with a savepoint per write, so
 * that it is undone alone; its writes then run twice (reducers must not count on running once).
 */
export class WriteBatch {
  readonly #db: Database.Database;
  readonly #staged: StagedWork | undefined;
  readonly #transaction;
  readonly #savepoint;
  readonly #totalChanges;

  constructor(db: Database.Database, staged?: StagedWork) {
    this.#db = db;
    this.#staged = staged;
    this.#transaction = db.transaction(this.#runAll.bind(this));
    this.#savepoint = db.transaction((run: () => unknown) => run());
    this.#totalChanges = db.prepare('SELECT total_changes()').pluck();
  }

  /** Runs and commits `writes`; throws (and commits nothing) when the transaction fails. */
  run(writes: readonly BatchWrite[]): Outcome[] {
    try {
      return this.#transaction.immediate(writes, false);
    } catch (error) {
      this.#staged?.discard();
      if (!(error instanceof HalfWritten)) throw error;
    }
    try {
      return this.#transaction.immediate(writes, true);
    } catch (error) {
      this.#staged?.discard();
      throw error;
    }
  }

  // Staged work that throws fails the whole batch: no write is acknowledged without it.
  #runAll(writes: readonly BatchWrite[], savepoints: boolean): Outcome[] {
    const outcomes = writes.map((write): Outcome => {
      // An I/O error may have rolled the whole transaction back: never run on in autocommit.
      if (!this.#db.inTransaction) throw new Error('the batch transaction was rolled back');
      if (write.applyStaged) this.#staged?.apply();
      if (savepoints) {
        try {
          return { ok: true, value: this.#savepoint(write.run) };
        } catch (error) {
          return { ok: false, error };
        }
      }
      const changes = this.#totalChanges.get();
      try {
        return { ok: true, value: write.run() };
      } catch (error) {
        if (this.#totalChanges.get() !== changes) throw new HalfWritten('', { cause: error });
        return { ok: false, error };
      }
    });
    if (!this.#db.inTransaction) throw new Error('the batch transaction was rolled back');
    this.#staged?.apply();
    return outcomes;
  }
}
