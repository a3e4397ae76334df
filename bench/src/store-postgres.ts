// Stores: PostgreSQL. Event appends per second next to the in-memory store in the same run, and
// ListTasks latency (p50 / p99) with 1,000,000 tasks in the table. Needs a PostgreSQL server
// (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); skipped with a notice without.
import { createInMemoryStore, silentLogger } from '@baton/server';
import { createPostgresStore, type PostgresStore } from '@baton/store-postgres';

import { type BenchModule, type CaseResult } from './harness.js';
import { listCases, measureAppendCases, OWNERS, TASKS } from './store-cases.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function appendCases(
  pgStore: PostgresStore,
  notifying: PostgresStore,
): Promise<CaseResult[]> {
  const memory = createInMemoryStore();
  const cases = [
    { id: 'm1', name: 'in-memory: 1 writer', store: memory, tasks: 1, writers: 1 },
    { id: 'p1', name: 'postgres: 1 writer', store: pgStore, tasks: 1, writers: 1, baseline: 'm1' },
    { id: 'm16', name: 'in-memory: 16 writers, 16 tasks', store: memory, tasks: 16, writers: 16 },
    {
      id: 'p16',
      name: 'postgres: 16 writers, 16 tasks',
      store: pgStore,
      tasks: 16,
      writers: 16,
      baseline: 'm16',
    },
    {
      id: 'p16n',
      name: 'postgres + NOTIFY: 16 writers, 16 tasks',
      store: notifying,
      tasks: 16,
      writers: 16,
      baseline: 'm16',
    },
    {
      id: 'p16s',
      name: 'postgres: 16 writers, 1 task (row lock)',
      store: pgStore,
      tasks: 1,
      writers: 16,
      baseline: 'm16',
    },
  ];
  const results = await measureAppendCases(cases);
  await memory.close();
  return results;
}

/**
 * Fills `tasks` with 1,000,000 rows straight in SQL (10 owners; per owner 5 % working, 5 %
 * input-required, 1 % mentioning "invoice"; contexts of 100 tasks). The secondary indexes are
 * dropped for the load and built again after, as one would for a bulk import.
 */
async function fill(store: PostgresStore): Promise<void> {
  const client = await store.pool.connect();
  try {
    await fillWith(client, store.schema);
  } finally {
    client.release();
  }
}

/** A pooled connection (typed without importing `pg` here). */
type Client = Pick<PostgresStore['pool'], 'query'>;

async function fillWith(client: Client, schema: string): Promise<void> {
  // Index builds (GIN above all) are much faster with room to sort in.
  await client.query("SET maintenance_work_mem = '256MB'");
  const table = `"${schema}".tasks`;
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = $1 AND tablename = 'tasks' AND indexname <> 'tasks_pkey'`,
    [schema],
  );
  for (const { name } of indexes) await client.query(`DROP INDEX "${schema}"."${name}"`);
  const chunkSize = 100_000;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  for (let from = 0; from < TASKS; from += chunkSize) {
    await client.query(
      `INSERT INTO ${table} (id, tenant, owner, context_id, state, status_timestamp, created_at,
         updated_at, seq, snapshot, search_text)
       SELECT id, 'bench', owner, ctx, state, ts, ts, ts, 1,
         json_build_object('id', id, 'contextId', ctx, 'status', json_build_object('state', state,
           'timestamp', to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
           'history', json_build_array(json_build_object('messageId', 'm-' || id,
             'role', 'ROLE_USER', 'parts', json_build_array(json_build_object('text', body))))),
         lower(body)
       FROM (SELECT 'task-' || lpad(i::text, 7, '0') AS id, 'owner-' || (i % ${OWNERS}) AS owner,
           'ctx-' || (i % 10000) AS ctx,
           CASE (i / 10) % 20 WHEN 0 THEN 'TASK_STATE_WORKING'
             WHEN 1 THEN 'TASK_STATE_INPUT_REQUIRED' ELSE 'TASK_STATE_COMPLETED' END AS state,
           timestamptz '2030-01-01' - make_interval(secs => i) AS ts,
           'please summarise report ' || i
             || CASE WHEN (i / 10) % 100 = 7 THEN ' invoice' ELSE '' END
             || ' ' || (ARRAY['alpha', 'beta', 'gamma', 'delta'])[1 + i % 4] AS body
         FROM generate_series($1::int, $2::int) AS i) AS rows`,
      [from, Math.min(from + chunkSize, TASKS) - 1],
    );
    console.log(`  inserted ${(from + chunkSize).toLocaleString('en-US')} tasks (${elapsed()})`);
  }
  for (const { name, definition } of indexes) {
    await client.query(definition);
    console.log(`  built index ${name} (${elapsed()})`);
  }
  await client.query(`VACUUM ANALYZE ${table}`);
  console.log(`  vacuumed and analyzed (${elapsed()})`);
}

async function reachable(): Promise<boolean> {
  try {
    const probe = await createPostgresStore({
      connectionString: DATABASE_URL,
      schema: 'baton_bench_probe',
      migrate: false,
      logger: silentLogger,
    });
    await probe.close();
  } catch (error) {
    // A missing schema still proves the server answers.
    if (error instanceof Error && /version 0/.test(error.message)) return true;
    console.log(`  PostgreSQL at ${DATABASE_URL} is unreachable (${String(error)}): skipped.`);
    return false;
  }
  return true;
}

/** The `store-postgres` bench module. */
export const storePostgres: BenchModule = {
  name: 'store-postgres',
  title: 'Stores: PostgreSQL',
  async run() {
    if (!(await reachable())) return [];
    const schema = `baton_bench_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const options = {
      connectionString: DATABASE_URL,
      schema,
      maxConnections: 16,
      logger: silentLogger,
    };
    const store = await createPostgresStore(options);
    const notifying = await createPostgresStore({ ...options, notify: true });
    try {
      console.log('  appends: in-memory vs PostgreSQL …');
      const results = await appendCases(store, notifying);
      console.log(`  ListTasks: filling ${TASKS.toLocaleString('en-US')} tasks …`);
      await fill(store);
      console.log(`\n${await listCases(store)}\n`);
      return results;
    } finally {
      await notifying.close();
      await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  },
};
