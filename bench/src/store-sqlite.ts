// Stores: SQLite. Event appends per second next to the in-memory store in the same run, and
// ListTasks latency (p50 / p99) with 1,000,000 tasks in the table. Runs on a temporary file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type StreamResponse } from '@baton/protocol';
import {
  applyTaskEvent,
  type BatonStore,
  createInMemoryStore,
  type TaskListQuery,
  type TaskReducer,
  type TaskScope,
} from '@baton/server';
import { createSqliteStore, type SqliteStore } from '@baton/store-sqlite';

import { type BenchModule, type CaseResult } from './harness.js';

const TASKS = 1_000_000;
const OWNERS = 10;
const ROUNDS = 3;
const ROUND_MS = 1000;

const reducer: TaskReducer = (current, event) => applyTaskEvent(current.task, event);

/** One streamed chunk: replaces the task's only artifact, so snapshots keep their size. */
function chunk(taskId: string, n: number): StreamResponse {
  const artifact = { artifactId: 'out', parts: [{ text: `chunk ${n} of the running answer` }] };
  return { artifactUpdate: { taskId, contextId: `ctx-${taskId}`, artifact } };
}

/** Appends from `writers` concurrent loops for `ms`; returns appends per second. */
async function appendRate(store: BatonStore, taskIds: string[], writers: number, ms: number) {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const taskId = taskIds[w % taskIds.length]!;
      while (performance.now() < end) {
        await store.events.append(taskId, chunk(taskId, count), reducer);
        count++;
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

async function newTasks(store: BatonStore, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bench-${crypto.randomUUID()}`;
    const status = { state: 'TASK_STATE_WORKING' as const, timestamp: new Date().toISOString() };
    await store.events.create(
      { tenant: 'append', owner: 'bench' },
      { id, contextId: `ctx-${id}`, status },
    );
    ids.push(id);
  }
  return ids;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

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
  const prepared = await Promise.all(
    cases.map(async (c) => ({
      ...c,
      taskIds: await newTasks(c.store, c.tasks),
      samples: [] as number[],
    })),
  );
  for (const c of prepared) await appendRate(c.store, c.taskIds, c.writers, 300); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of prepared)
      c.samples.push(await appendRate(c.store, c.taskIds, c.writers, ROUND_MS));
  }
  for (const store of [memory, full, normal, inMemory]) await store.close();
  const medians = new Map(prepared.map((c) => [c.id, median(c.samples)]));
  return prepared.map((c) => ({
    id: c.id,
    name: c.name,
    bytes: undefined,
    baseline: c.baseline,
    opsPerSec: medians.get(c.id)!,
    samples: c.samples,
    ratio: medians.get(c.id)! / medians.get(c.baseline ?? c.id)!,
  }));
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Latency of one listing, repeated (100 times, or 20 and for at most 4 s): p50, p99 in ms. */
async function latency(store: SqliteStore, scope: TaskScope, query: TaskListQuery) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 3; i++) await store.tasks.list(scope, query);
  const end = performance.now() + 4000;
  while (times.length < 100 && (times.length < 20 || performance.now() < end)) {
    const start = performance.now();
    const page = await store.tasks.list(scope, query);
    times.push(performance.now() - start);
    total = page.totalSize;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), total };
}

async function listCases(store: SqliteStore): Promise<string> {
  const owner = { tenant: 'bench', owner: 'owner-3' };
  const everyOwner = { tenant: 'bench' };
  // A cursor 50,000 tasks deep (page 1,001 of 50), reached by walking pages of 500.
  let deep: string | undefined;
  for (let page = 0; page < 100; page++) {
    deep = (await store.tasks.list(owner, { pageSize: 500, pageToken: deep })).nextPageToken;
  }
  const rows: [string, TaskScope, TaskListQuery][] = [
    ['first page, one owner (100,000 tasks)', owner, { pageSize: 50 }],
    ['page 1,001 via cursor, one owner', owner, { pageSize: 50, pageToken: deep }],
    ['state = working, one owner', owner, { pageSize: 50, state: 'TASK_STATE_WORKING' }],
    ['contextId (100 tasks), one owner', owner, { pageSize: 50, contextId: 'ctx-1003' }],
    [
      'status time ≥ a day ago, one owner',
      owner,
      { pageSize: 50, statusTimestampAfter: '2029-12-31T00:00:00Z' },
    ],
    [
      'text "invoice" + state = completed, one owner',
      owner,
      { pageSize: 50, text: 'invoice', state: 'TASK_STATE_COMPLETED' },
    ],
    ['first page, all owners (1,000,000 tasks)', everyOwner, { pageSize: 50 }],
    ['page 1,001 via cursor, all owners', everyOwner, { pageSize: 50, pageToken: deep }],
    [
      'state = input-required, all owners',
      everyOwner,
      { pageSize: 50, state: 'TASK_STATE_INPUT_REQUIRED' },
    ],
  ];
  const lines = [
    '| ListTasks (pageSize 50) | matching (totalSize) | p50 ms | p99 ms |',
    '|---|--:|--:|--:|',
  ];
  for (const [name, scope, query] of rows) {
    const { p50, p99, total } = await latency(store, scope, query);
    lines.push(
      `| ${name} | ${total.toLocaleString('en-US')} | ${p50.toFixed(2)} | ${p99.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
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
