import { nowTimestamp } from '@baton/protocol';
import Database from 'better-sqlite3';

import { CommitQueue } from './commit-queue.js';
import { migrate } from './migrations.js';
import { resolveDatabasePath, type SqliteStoreOptions } from './options.js';
import { StagedSearchIndex } from './search-index.js';
import { WalSync } from './wal-sync.js';

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
  /** The search rows of the batch being built, written just before it commits. */
  readonly search = new StagedSearchIndex(this);
  /** Syncs the log off the event loop (FULL on a file in WAL mode). */
  readonly #walSync: WalSync | undefined;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions = {}) {
    this.options = options;
    this.readLimit = options.defaultReadLimit ?? 1000;
    this.path = resolveDatabasePath(options.path);
    this.db = new Database(this.path);
    try {
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      // WAL lets readers run beside the one writer; it is a property of the file, set once.
      const wal = this.db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
      // FULL durability on a WAL file: SQLite commits with NORMAL (the log is written, and synced
      // around checkpoints), and the commit queue syncs the log itself, off the event loop, before
      // it acknowledges a write. Elsewhere (no WAL) SQLite's own FULL blocks on each commit.
      const full = options.synchronous !== 'NORMAL';
      this.#walSync = full && wal ? new WalSync(`${this.path}-wal`) : undefined;
      this.db.pragma(`synchronous = ${full && !wal ? 'FULL' : 'NORMAL'}`);
      this.db.pragma('foreign_keys = ON');
      // After a checkpoint, a log grown by a large transaction (a big purge) shrinks back.
      this.db.pragma('journal_size_limit = 67108864');
      // Checkpoints copy the log into the file and sync both on the event loop: one every 10,000
      // pages (≈ 40 MB of log) instead of SQLite's 1,000 costs a tenth of the syncs, and a page
      // rewritten many times in between is copied once (+35 % SendMessage/s in bench/).
      this.db.pragma('wal_autocheckpoint = 10000');
      migrate(this.db);
      // Keeps the planner's statistics fresh for long-lived connections, at a bounded cost.
      this.db.pragma('analysis_limit = 400');
      this.db.pragma('optimize = 0x10002');
      // Per-connection scratch tables of `purge`.
      this.db.exec(`
        CREATE TEMP TABLE IF NOT EXISTS purged (id TEXT PRIMARY KEY, rid INTEGER NOT NULL);
        CREATE TEMP TABLE IF NOT EXISTS purged_contexts (cid INTEGER PRIMARY KEY);
      `);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.commits = new CommitQueue(this.db, this.#walSync, this.search);
  }

  /** The current time as an ISO 8601 UTC string (formatted once per millisecond by default). */
  timestamp(): string {
    return this.options.now ? this.options.now().toISOString() : nowTimestamp();
  }

  /** A prepared statement for `sql`, prepared once per connection. */
  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /**
   * Closes the connection (SQLite checkpoints and syncs the log as it does), then waits for the
   * syncs in flight; harmless when already closed.
   */
  async close(): Promise<void> {
    this.#statements.clear();
    this.#closeDatabase();
    await this.#walSync?.close();
  }

  #closeDatabase(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // Statistics are an optimization: a busy or read-only file must not fail the close.
    }
    this.db.close();
  }
}
