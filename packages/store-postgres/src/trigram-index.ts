import { type PoolClient } from 'pg';

import { type TableNames } from './schema-name.js';

/**
 * Makes text search fast: a GIN trigram index (extension `pg_trgm`) on `tasks.search_text`, which
 * answers `LIKE '%…%'` for needles of three characters or more. Installs the extension when it is
 * missing and the role may (pg_trgm is a trusted extension: a database owner can); otherwise the
 * migration goes on without the index and returns a notice, since search still works, only
 * slower. Extension creation is serialized across schemas by an advisory lock.
 */
export async function ensureTrigramIndex(
  client: PoolClient,
  tables: TableNames,
): Promise<string[]> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    'baton.migrate:pg_trgm',
  ]);
  let opclass = await trigramOpclass(client);
  if (!opclass) {
    await client.query('SAVEPOINT baton_pg_trgm');
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.query('RELEASE SAVEPOINT baton_pg_trgm');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT baton_pg_trgm');
      const reason = error instanceof Error ? error.message : String(error);
      return [
        `text search has no index: the pg_trgm extension could not be installed (${reason}). ` +
          `As a privileged user run CREATE EXTENSION pg_trgm; then ` +
          `CREATE INDEX tasks_search_text ON ${tables.tasks} USING gin (search_text gin_trgm_ops);`,
      ];
    }
    opclass = await trigramOpclass(client);
  }
  await client.query(
    `CREATE INDEX tasks_search_text ON ${tables.tasks} USING gin (search_text ${opclass})`,
  );
  return [];
}

/** The schema-qualified `gin_trgm_ops` operator class, wherever pg_trgm was installed. */
async function trigramOpclass(client: PoolClient): Promise<string | undefined> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(n.nspname) || '.gin_trgm_ops' AS name
     FROM pg_opclass c
     JOIN pg_namespace n ON n.oid = c.opcnamespace
     JOIN pg_am a ON a.oid = c.opcmethod
     WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin'
     LIMIT 1`,
  );
  return rows[0]?.name;
}
