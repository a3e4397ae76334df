import { type PoolClient } from 'pg';

import { type TableNames } from './schema-name.js';
import { ensureTrigramIndex } from './trigram-index.js';

/** One schema change: applied once per schema, in version order, inside one transaction. */
export interface Migration {
  version: number;
  name: string;
  /** Applies the change; returns notices for the operator (e.g. an index it could not build). */
  up: (client: PoolClient, tables: TableNames) => Promise<string[]>;
}

/** A migration made of plain statements, plus an optional step after them. */
function statements(
  list: (tables: TableNames) => string[],
  after?: Migration['up'],
): Migration['up'] {
  return async (client, tables) => {
    for (const statement of list(tables)) await client.query(statement);
    return after ? after(client, tables) : [];
  };
}

/** States after which a task never changes: the partial indexes below list them literally. */
export const TERMINAL_STATES_SQL =
  "('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED', 'TASK_STATE_REJECTED')";

/**
 * Every migration, oldest first. Never edit one that has shipped: add the next version. Indexes
 * serve keyset listing (status time descending, then id) for an owner, a whole tenant, a
 * context and a state, plus text search (a pg_trgm index, when it can be had), start-up recovery
 * and retention.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks, event log, messages, push configs',
    up: statements(
      (t) => [
        `CREATE TABLE ${t.tasks} (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        owner text NOT NULL,
        context_id text,
        state text NOT NULL,
        status_timestamp timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        seq integer NOT NULL,
        snapshot json NOT NULL,
        search_text text NOT NULL
      )`,
        `CREATE INDEX tasks_owner_listing ON ${t.tasks} (tenant, owner, status_timestamp DESC, id)`,
        `CREATE INDEX tasks_tenant_listing ON ${t.tasks} (tenant, status_timestamp DESC, id)`,
        `CREATE INDEX tasks_context_listing
        ON ${t.tasks} (tenant, context_id, status_timestamp DESC, id)`,
        `CREATE INDEX tasks_owner_state_listing
        ON ${t.tasks} (tenant, owner, state, status_timestamp DESC, id)`,
        `CREATE INDEX tasks_tenant_state_listing
        ON ${t.tasks} (tenant, state, status_timestamp DESC, id)`,
        `CREATE INDEX tasks_unfinished ON ${t.tasks} (created_at, id)
        WHERE state NOT IN ${TERMINAL_STATES_SQL}`,
        `CREATE INDEX tasks_finished ON ${t.tasks} (updated_at)
        WHERE state IN ${TERMINAL_STATES_SQL}`,
        `CREATE TABLE ${t.taskEvents} (
        task_id text NOT NULL,
        seq integer NOT NULL,
        event json NOT NULL,
        ts timestamptz NOT NULL,
        PRIMARY KEY (task_id, seq)
      )`,
        `CREATE TABLE ${t.contexts} (
        tenant text NOT NULL,
        context_id text NOT NULL,
        last_position integer NOT NULL,
        PRIMARY KEY (tenant, context_id)
      )`,
        `CREATE TABLE ${t.messages} (
        tenant text NOT NULL,
        context_id text NOT NULL,
        position integer NOT NULL,
        owner text NOT NULL,
        task_id text,
        message json NOT NULL,
        ts timestamptz NOT NULL,
        PRIMARY KEY (tenant, context_id, position)
      )`,
        `CREATE INDEX messages_task ON ${t.messages} (task_id) WHERE task_id IS NOT NULL`,
        `CREATE TABLE ${t.pushConfigs} (
        task_id text NOT NULL,
        id text NOT NULL,
        rank bigint GENERATED ALWAYS AS IDENTITY,
        config json NOT NULL,
        PRIMARY KEY (task_id, id)
      )`,
        `CREATE INDEX push_configs_rank ON ${t.pushConfigs} (task_id, rank)`,
      ],
      ensureTrigramIndex,
    ),
  },
  {
    version: 2,
    name: 'instance leases: the instance that last wrote each task',
    up: statements((t) => [
      // Nullable, no default: instant on a large table; tasks written before stay unattributed.
      `ALTER TABLE ${t.tasks} ADD COLUMN runner text`,
      `CREATE TABLE ${t.instances} (
        id text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`,
    ]),
  },
];

/** The schema version this package writes and expects. */
export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
