import { type Pool, type PoolClient } from 'pg';

import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { inTransaction } from './postgres-context.js';
import { assertSchemaName, type TableNames, tableNames } from './schema-name.js';

/** What {@link migratePostgresSchema} did. */
export interface MigrationResult {
  /** The schema version before. 0 when the schema was new. */
  from: number;
  /** The schema version now: always `SCHEMA_VERSION`. */
  to: number;
  /** What the operator should know, e.g. that text search has no index. */
  notices: string[];
}

/**
 * Creates or upgrades the store's tables in `schema` to `SCHEMA_VERSION`. Safe to run from many
 * processes at once: the work happens in one transaction under a transaction-level advisory lock
 * keyed by the schema name, and a `migrations` table records each applied version. Throws when
 * the schema is newer than this package.
 * @example
 * await migratePostgresSchema(pool, 'baton');
 */
export async function migratePostgresSchema(
  pool: Pool,
  schema = 'baton',
): Promise<MigrationResult> {
  const tables = tableNames(assertSchemaName(schema));
  // Most starts find the schema current: answer without a lock or any DDL.
  const current = await readVersion(pool, schema, tables);
  if (current === SCHEMA_VERSION) return { from: current, to: current, notices: [] };
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `baton.migrate:${schema}`,
    ]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${tables.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const from = await versionOf(client, tables);
    checkNotNewer(from, schema);
    const notices: string[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      notices.push(...(await migration.up(client, tables)));
      await client.query(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    return { from, to: SCHEMA_VERSION, notices };
  });
}

/**
 * Throws unless `schema` is exactly at `SCHEMA_VERSION`: what a store started with
 * `migrate: false` checks.
 */
export async function assertSchemaCurrent(pool: Pool, schema: string): Promise<void> {
  const version = await readVersion(pool, schema, tableNames(assertSchemaName(schema)));
  checkNotNewer(version, schema);
  if (version < SCHEMA_VERSION) {
    throw new Error(
      `PostgreSQL schema "${schema}" is at version ${version}, this @baton/store-postgres needs ${SCHEMA_VERSION}: run migratePostgresSchema (or start with migrate: true)`,
    );
  }
}

async function readVersion(pool: Pool, schema: string, tables: TableNames): Promise<number> {
  const found = await pool.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    `"${schema}".migrations`,
  ]);
  if (found.rows[0]?.present !== true) return 0;
  return versionOf(pool, tables);
}

async function versionOf(client: Pool | PoolClient, tables: TableNames): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${tables.migrations}`,
  );
  return rows[0]?.version ?? 0;
}

function checkNotNewer(version: number, schema: string): void {
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `PostgreSQL schema "${schema}" is at version ${version}, newer than this @baton/store-postgres understands (${SCHEMA_VERSION}): upgrade the package`,
    );
  }
}
