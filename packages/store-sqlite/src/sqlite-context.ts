import Database from 'better-sqlite3';

import { CommitQueue } from './commit-queue.js';
import { migrate } from './migrations.js';
import { resolveDatabasePath, type SqliteStoreOptions } from './options.js';

/**
 * One open database shared by the four stores of a `SqliteStore`: the connection, its cached
 * prepared statements, the clock and the options.
 */
export class SqliteContext {
  readonly db: Database.Database;
  readonly path: string;
  readonly options: SqliteStoreOptions;
  readonly readLimit: number;
  /** Every write of the four stores goes through this one group commit. */
  readonly commits: CommitQueue;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions = {}) {
    this.options = options;
    this.readLimit = options.defaultReadLimit ?? 1000;
    this.path = resolveDatabasePath(options.path);
    this.db = new Database(this.path);
    try {
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      // WAL lets readers run beside the one writer; it is a property of the file, set once.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      this.db.pragma('foreign_keys = ON');
      // After a checkpoint, a log grown by a large transaction (a big purge) shrinks back.
      this.db.pragma('journal_size_limit = 67108864');
      migrate(this.db);
      // Keeps the planner's statistics fresh for long-lived connections, at a bounded cost.
      this.db.pragma('analysis_limit = 400');
      this.db.pragma('optimize = 0x10002');
      // Per-connection scratch tables of `purge`.
      this.db.exec(`
        CREATE TEMP TABLE IF NOT EXISTS purged (id TEXT PRIMARY KEY, rid INTEGER NOT NULL);
        CREATE TEMP TABLE IF NOT EXISTS purged_contexts (
          tenant TEXT NOT NULL, context_id TEXT NOT NULL, PRIMARY KEY (tenant, context_id));
      `);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.commits = new CommitQueue(this.db);
  }

  /** The current time as an ISO 8601 UTC string. */
  timestamp(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** A prepared statement for `sql`, prepared once per connection. */
  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Closes the connection; harmless when it is already closed. */
  close(): void {
    this.#statements.clear();
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // Statistics are an optimization: a busy or read-only file must not fail the close.
    }
    this.db.close();
  }
}
