import { type BatonStore } from '@baton/server';
import type Database from 'better-sqlite3';

import { EventFanOut } from './fan-out.js';
import { type SqliteStoreOptions } from './options.js';
import { SqliteContext } from './sqlite-context.js';
import { SqliteEventLog } from './sqlite-event-log.js';
import { SqliteMessageStore } from './sqlite-message-store.js';
import { SqlitePushConfigStore } from './sqlite-push-config-store.js';
import { SqliteTaskStore } from './sqlite-task-store.js';

/**
 * Baton's embedded, file-backed store: tasks, event logs, messages and push configs in one
 * SQLite file (WAL; acknowledged writes are synced to disk by default), with full-text search
 * over task history and artifacts. Opening it creates or upgrades the schema. Live fan-out
 * (`events.subscribe`) is in-process: listeners see the events this process appends.
 * @example
 * const store = new SqliteStore({ path: './data/baton.sqlite' });
 */
export class SqliteStore implements BatonStore {
  readonly tasks: SqliteTaskStore;
  readonly events: SqliteEventLog;
  readonly messages: SqliteMessageStore;
  readonly pushConfigs: SqlitePushConfigStore;
  /** The database file (absolute), or `':memory:'`. */
  readonly path: string;
  /**
   * The better-sqlite3 connection, for backups (`database.backup(file)`) and diagnostics. Writing
   * Baton's tables directly bypasses the event log and its invariants.
   */
  readonly database: Database.Database;
  readonly #context: SqliteContext;
  readonly #fanOut: EventFanOut;

  constructor(options: SqliteStoreOptions = {}) {
    this.#context = new SqliteContext(options);
    this.#fanOut = new EventFanOut(options.onListenerError);
    this.path = this.#context.path;
    this.database = this.#context.db;
    this.tasks = new SqliteTaskStore(this.#context, this.#fanOut);
    this.events = new SqliteEventLog(this.#context, this.#fanOut);
    this.messages = new SqliteMessageStore(this.#context);
    this.pushConfigs = new SqlitePushConfigStore(this.#context);
  }

  /** Drops every listener and closes the database; harmless when already closed. */
  async close(): Promise<void> {
    this.#fanOut.clear();
    await this.#context.close();
  }
}

/**
 * Opens (or creates) Baton's SQLite store. With no options it uses `$BATON_DATA_DIR/baton.sqlite`
 * or `<cwd>/.data/baton.sqlite`; `{ path: ':memory:' }` gives a private in-memory database.
 * @example
 * const handler = createRequestHandler({ agentCard, executor, store: createSqliteStore() });
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(options);
}
