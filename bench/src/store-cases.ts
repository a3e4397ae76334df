// What the SQLite and PostgreSQL store modules share: the append-rate measurement next to the
// in-memory store, and the ListTasks latency cases over the 1,000,000-task data set.
import { type StreamResponse } from '@baton/protocol';
import {
  applyTaskEvent,
  type BatonStore,
  type TaskListQuery,
  type TaskReducer,
  type TaskScope,
} from '@baton/server';

import { type CaseResult } from './harness.js';

export const TASKS = 1_000_000;
export const OWNERS = 10;
export const ROUNDS = 3;
export const ROUND_MS = 1000;

export const reducer: TaskReducer = (current, event) => applyTaskEvent(current.task, event);

/** One streamed chunk: replaces the task's only artifact, so snapshots keep their size. */
export function chunk(taskId: string, n: number): StreamResponse {
  const artifact = { artifactId: 'out', parts: [{ text: `chunk ${n} of the running answer` }] };
  return { artifactUpdate: { taskId, contextId: `ctx-${taskId}`, artifact } };
}

/** Appends from `writers` concurrent loops for `ms`; returns appends per second. */
export async function appendRate(
  store: BatonStore,
  taskIds: string[],
  writers: number,
  ms: number,
) {
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

export async function newTasks(store: BatonStore, n: number): Promise<string[]> {
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

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Latency of one listing, repeated (100 times, or 20 and for at most 4 s): p50, p99 in ms. */
export async function latency(store: BatonStore, scope: TaskScope, query: TaskListQuery) {
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

export async function listCases(store: BatonStore): Promise<string> {
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

/** One append-rate case: `writers` loops appending to `tasks` tasks of `store`. */
export interface AppendCase {
  id: string;
  name: string;
  store: BatonStore;
  tasks: number;
  writers: number;
  /** The case this one is compared with (a baseline has none). */
  baseline?: string;
}

/**
 * Measures every case: a warm-up, then {@link ROUNDS} interleaved rounds of {@link ROUND_MS};
 * each result is the median and its ratio to its baseline's median.
 */
export async function measureAppendCases(cases: AppendCase[]): Promise<CaseResult[]> {
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
