import type Database from 'better-sqlite3';

/** One step of the schema. Steps are applied in order, each exactly once per database. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const TERMINAL_STATES = `('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED')`;

/**
 * The schema, as an append-only list: never edit a released step, add a new one. `rid` is the
 * integer key search rows point to; an explicit `INTEGER PRIMARY KEY` keeps it stable across
 * `VACUUM`, which a hidden rowid is not.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks, events, messages, push configs, full-text index',
    sql: `
      CREATE TABLE tasks (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        tenant TEXT NOT NULL,
        owner TEXT NOT NULL,
        context_id TEXT,
        state TEXT NOT NULL,
        status_timestamp INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        snapshot TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tasks_by_owner ON tasks (tenant, owner, status_timestamp DESC, id);
      CREATE INDEX tasks_by_tenant ON tasks (tenant, status_timestamp DESC, id);
      CREATE INDEX tasks_by_owner_state ON tasks (tenant, owner, state, status_timestamp DESC, id);
      CREATE INDEX tasks_by_tenant_state ON tasks (tenant, state, status_timestamp DESC, id);
      CREATE INDEX tasks_by_context ON tasks (tenant, context_id, status_timestamp DESC, id);
      CREATE INDEX tasks_unfinished ON tasks (created_at, id)
        WHERE state NOT IN ${TERMINAL_STATES};
      CREATE INDEX tasks_finished ON tasks (updated_at) WHERE state IN ${TERMINAL_STATES};

      CREATE TABLE task_events (
        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        PRIMARY KEY (task_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contexts (
        tenant TEXT NOT NULL,
        context_id TEXT NOT NULL,
        last_position INTEGER NOT NULL,
        PRIMARY KEY (tenant, context_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE messages (
        tenant TEXT NOT NULL,
        context_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        owner TEXT NOT NULL,
        task_id TEXT,
        message TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        PRIMARY KEY (tenant, context_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX messages_by_task ON messages (task_id) WHERE task_id IS NOT NULL;

      CREATE TABLE push_configs (
        rank INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id TEXT NOT NULL,
        id TEXT NOT NULL,
        config TEXT NOT NULL,
        UNIQUE (task_id, id)
      ) STRICT;
      CREATE INDEX push_configs_by_task ON push_configs (task_id, rank);

      -- Searchable text, one row per message part, status message part or artifact part, so an
      -- append re-indexes only the parts it changed. The store keeps both tables in step itself:
      -- triggers would make FTS5 flush a segment per statement.
      CREATE TABLE task_search (
        fid INTEGER PRIMARY KEY,
        task_rid INTEGER NOT NULL REFERENCES tasks (rid) ON DELETE CASCADE,
        fragment TEXT NOT NULL,
        UNIQUE (task_rid, fragment)
      ) STRICT;
      CREATE VIRTUAL TABLE task_text USING fts5 (body, tokenize = 'trigram case_sensitive 0');
    `,
  },
  {
    version: 2,
    name: 'events keyed by the task rid',
    // Task ids are random (UUIDs), so a log keyed by them put each new event on a random page of
    // the table: a page written to the log per event. Keyed by the task's `rid`, which grows, the
    // events of recent tasks share the last pages.
    sql: `
      CREATE TABLE task_events_by_rid (
        task_rid INTEGER NOT NULL REFERENCES tasks (rid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        PRIMARY KEY (task_rid, seq)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO task_events_by_rid (task_rid, seq, event, timestamp)
        SELECT t.rid, e.seq, e.event, e.timestamp FROM task_events e JOIN tasks t ON t.id = e.task_id
        ORDER BY t.rid, e.seq;
      DROP TABLE task_events;
      ALTER TABLE task_events_by_rid RENAME TO task_events;
    `,
  },
  {
    version: 3,
    name: 'messages keyed by an integer context key',
    // Context ids are random too: keyed by them, each message of a new conversation went to a
    // random page of `messages` and of `contexts`. A context now gets an integer `cid` that grows,
    // and its messages are keyed by it; only the lookup index of `contexts` stays random.
    sql: `
      CREATE TABLE contexts_by_cid (
        cid INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL,
        context_id TEXT NOT NULL,
        last_position INTEGER NOT NULL,
        UNIQUE (tenant, context_id)
      ) STRICT;
      INSERT INTO contexts_by_cid (tenant, context_id, last_position)
        SELECT tenant, context_id, last_position FROM contexts;
      INSERT OR IGNORE INTO contexts_by_cid (tenant, context_id, last_position)
        SELECT tenant, context_id, MAX(position) FROM messages GROUP BY tenant, context_id;
      CREATE TABLE messages_by_cid (
        cid INTEGER NOT NULL,
        position INTEGER NOT NULL,
        owner TEXT NOT NULL,
        task_id TEXT,
        message TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        PRIMARY KEY (cid, position)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO messages_by_cid (cid, position, owner, task_id, message, timestamp)
        SELECT c.cid, m.position, m.owner, m.task_id, m.message, m.timestamp FROM messages m
        JOIN contexts_by_cid c ON c.tenant = m.tenant AND c.context_id = m.context_id
        ORDER BY c.cid, m.position;
      DROP TABLE messages;
      DROP TABLE contexts;
      ALTER TABLE contexts_by_cid RENAME TO contexts;
      ALTER TABLE messages_by_cid RENAME TO messages;
      CREATE INDEX messages_by_task ON messages (task_id) WHERE task_id IS NOT NULL;
    `,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the schema up to {@link SCHEMA_VERSION} in one immediate transaction, so two processes
 * opening one file at once apply each step once. Refuses a database from a newer release.
 */
export function migrate(db: Database.Database, migrations = MIGRATIONS): number[] {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new Error(
        `the database schema is at version ${current}, newer than this @baton/store-sqlite ` +
          `supports (${newest}): upgrade the package`,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}
