// Stores: SQLite. Event appends per second next to the in-memory store in the same run, and
// ListTasks latency (p50 / p99) with 1,000,000 tasks in the table. Runs on a temporary file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createInMemoryStore } from '@baton/server';
import { createSqliteStore, type SqliteStore } from '@baton/store-sqlite';

import { type BenchModule, type CaseResult } from './harness.js';
import { listCases, measureAppendCases, OWNERS, TASKS } from './store-cases.js';

async function appendCases(dir: string): Promise<CaseResult[]> {
  const memory = createInMemoryStore();
  const path = join(dir, 'appends.sqlite');
  const full = createSqliteStore({ path });
  const normal = createSqliteStore({ path, synchronous: 'NORMAL' });
  const inMemory = createSqliteStore({ path: ':memory:' });
  const cases = [
    { id: 'm1', name: 'in-memory store: 1 writer', store: memory, tasks: 1, writers: 1 },
    {
      id: 's1',
      name: 'sqlite file, synchronous=FULL (default): 1 writer',
      store: full,
      tasks: 1,
      writers: 1,
      baseline: 'm1',
    },
    {
      id: 's1n',
      name: 'sqlite file, synchronous=NORMAL: 1 writer',
      store: normal,
      tasks: 1,
      writers: 1,
      baseline: 'm1',
    },
    {
      id: 's1m',
      name: 'sqlite :memory: 1 writer',
      store: inMemory,
      tasks: 1,
      writers: 1,
      baseline: 'm1',
    },
    {
      id: 'm16',
      name: 'in-memory store: 16 writers, 16 tasks',
      store: memory,
      tasks: 16,
      writers: 16,
    },
    {
      id: 's16',
      name: 'sqlite file, FULL: 16 writers, 16 tasks',
      store: full,
      tasks: 16,
      writers: 16,
      baseline: 'm16',
    },
  ];
  const results = await measureAppendCases(cases);
  for (const store of [memory, full, normal, inMemory]) await store.close();
  return results;
}

/**
 * Fills the store with 1,000,000 tasks in one transaction through prepared statements (10
 * owners; per owner 5 % working, 5 % input-required, 1 % mentioning "invoice"; contexts of 100
 * tasks), with their search rows; the same data set as the PostgreSQL bench. The listing
 * indexes are dropped for the load and built again after, and the journal is off, as one would do
 * for a bulk import. Event rows are left out: ListTasks never reads them.
 */
function fill(store: SqliteStore): void {
  const db = store.database;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  // A bulk import: no rollback journal, no syncs, a 1 GiB page cache (the store reopens with WAL).
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const deferred = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  const insertTask = db.prepare(
    `INSERT INTO tasks (rid, id, tenant, owner, context_id, state, status_timestamp, created_at,
       updated_at, seq, snapshot) VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const insertFragment = db.prepare(
    'INSERT INTO task_search (fid, task_rid, fragment) VALUES (?, ?, ?)',
  );
  const insertText = db.prepare('INSERT INTO task_text (rowid, body) VALUES (?, ?)');
  const words = ['alpha', 'beta', 'gamma', 'delta'];
  const base = Date.UTC(2030, 0, 1);
  db.transaction(() => {
    for (const { name } of deferred) db.exec(`DROP INDEX ${name}`);
    for (let i = 0; i < TASKS; i++) {
      const id = `task-${String(i).padStart(7, '0')}`;
      const ctx = `ctx-${i % 10_000}`;
      const band = Math.floor(i / 10) % 20;
      const state =
        band === 0
          ? 'TASK_STATE_WORKING'
          : band === 1
            ? 'TASK_STATE_INPUT_REQUIRED'
            : 'TASK_STATE_COMPLETED';
      const ms = base - i * 1000;
      const ts = new Date(ms).toISOString();
      const invoice = Math.floor(i / 10) % 100 === 7 ? ' invoice' : '';
      const body = `please summarise report ${i}${invoice} ${words[i % 4]}`;
      const snapshot = JSON.stringify({
        id,
        contextId: ctx,
        status: { state, timestamp: ts },
        history: [{ messageId: `m-${id}`, role: 'ROLE_USER', parts: [{ text: body }] }],
      });
      insertTask.run(i + 1, id, `owner-${i % OWNERS}`, ctx, state, ms, ts, ts, snapshot);
      insertFragment.run(i + 1, i + 1, `h:m-${id}:0`);
      insertText.run(i + 1, body);
      if ((i + 1) % 200_000 === 0)
        console.log(`  inserted ${(i + 1).toLocaleString('en-US')} tasks (${elapsed()})`);
    }
    for (const { name, sql } of deferred) {
      db.exec(sql);
      console.log(`  built index ${name} (${elapsed()})`);
    }
  })();
  console.log(
    `  committed (${elapsed()}); file ${(statSync(store.path).size / 2 ** 20).toFixed(0)} MiB`,
  );
}

/** The `store-sqlite` bench module. */
export const storeSqlite: BenchModule = {
  name: 'store-sqlite',
  title: 'Stores: SQLite',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'baton-bench-sqlite-'));
    try {
      console.log('  appends: in-memory vs SQLite …');
      const results = await appendCases(dir);
      console.log(`  ListTasks: filling ${TASKS.toLocaleString('en-US')} tasks …`);
      const path = join(dir, 'list.sqlite');
      const filling = createSqliteStore({ path, synchronous: 'NORMAL' });
      fill(filling);
      await filling.close();
      // Reopened as after a restart: opening refreshes the planner's statistics.
      const store = createSqliteStore({ path });
      try {
        console.log(`\n${await listCases(store)}\n`);
      } finally {
        await store.close();
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
