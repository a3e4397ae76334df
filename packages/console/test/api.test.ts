import { type BatonStore, createInMemoryStore } from '@baton/server';
import { createSqliteStore } from '@baton/store-sqlite';
import { describe, expect, it } from 'vitest';

import { createConsoleApp } from '../src/index.js';
import {
  type ContextResponse,
  type OverviewResponse,
  type TaskDetailResponse,
  type TaskEventsResponse,
  type TaskPageResponse,
} from '../src/shared/api-types.js';
import { seedTask } from './support/seed.js';

const get = async <T>(app: ReturnType<typeof createConsoleApp>, path: string): Promise<T> => {
  const response = await app.request(`http://127.0.0.1${path}`);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
};

const STORES: [string, () => BatonStore][] = [
  ['in-memory', () => createInMemoryStore()],
  ['sqlite', () => createSqliteStore({ path: ':memory:' })],
];

describe.each(STORES)('tasks API over two %s stores', (_name, makeStore) => {
  const setup = async () => {
    const a = makeStore();
    const b = makeStore();
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 23; i++) {
      const store = i % 3 === 0 ? b : a;
      await seedTask(store, {
        at: new Date(base + i * 1000),
        state: i % 5 === 0 ? 'TASK_STATE_FAILED' : 'TASK_STATE_COMPLETED',
        contextId: i < 4 ? 'ctx-shared' : undefined,
        text: i === 7 ? 'find the purple elephant' : `task number ${i}`,
      });
    }
    const app = createConsoleApp({
      agents: [
        { name: 'alpha', url: 'http://127.0.0.1:1', store: a },
        { name: 'beta', url: 'http://127.0.0.1:2', store: b },
      ],
    });
    return { app, a, b };
  };

  it('pages through every task once, newest first, merged across stores', async () => {
    const { app } = await setup();
    const seen: string[] = [];
    const times: number[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await get<TaskPageResponse>(app, `/api/tasks?pageSize=5&pageToken=${token}`);
      expect(page.totalSize).toBe(23);
      seen.push(...page.tasks.map((t) => t.id));
      times.push(...page.tasks.map((t) => Date.parse(t.statusTime)));
      token = page.nextPageToken;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('filters by agent, state, context, time and text', async () => {
    const { app } = await setup();
    const beta = await get<TaskPageResponse>(app, '/api/tasks?agent=beta');
    expect(beta.tasks.every((t) => t.agent === 'beta')).toBe(true);
    expect(beta.totalSize).toBe(8);
    const failed = await get<TaskPageResponse>(app, '/api/tasks?state=failed');
    expect(failed.totalSize).toBe(5);
    expect(failed.tasks.every((t) => t.state === 'TASK_STATE_FAILED')).toBe(true);
    const context = await get<TaskPageResponse>(app, '/api/tasks?context=ctx-shared');
    expect(context.totalSize).toBe(4);
    const since = await get<TaskPageResponse>(app, '/api/tasks?since=2026-01-01T00:00:20Z');
    expect(since.totalSize).toBe(3);
    const found = await get<TaskPageResponse>(app, '/api/tasks?q=purple%20elephant');
    expect(found.textSearch).toBe(true);
    expect(found.tasks).toHaveLength(1);
    expect(found.tasks[0]!.lastMessage).toContain('now TASK_STATE_COMPLETED');
  });

  it('answers bad parameters with 400', async () => {
    const { app } = await setup();
    expect((await app.request('http://127.0.0.1/api/tasks?state=sleeping')).status).toBe(400);
    expect((await app.request('http://127.0.0.1/api/tasks?pageSize=0')).status).toBe(400);
    expect((await app.request('http://127.0.0.1/api/tasks?pageToken=nonsense')).status).toBe(400);
    expect((await app.request('http://127.0.0.1/api/tasks?since=yesterday')).status).toBe(400);
    expect((await app.request('http://127.0.0.1/api/tasks?agent=nobody')).status).toBe(404);
  });

  it('returns a task, its event log and its context', async () => {
    const { app, a } = await setup();
    const task = await seedTask(a, { contextId: 'ctx-shared', artifactText: 'the result' });
    const detail = await get<TaskDetailResponse>(app, `/api/tasks/${task.id}`);
    expect(detail.agent).toBe('alpha');
    expect(detail.task.artifacts?.[0]?.parts[0]?.text).toBe('the result');
    const events = await get<TaskEventsResponse>(app, `/api/tasks/${task.id}/events`);
    expect(events.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.events[1]!.event.artifactUpdate).toBeDefined();
    const after = await get<TaskEventsResponse>(app, `/api/tasks/${task.id}/events?after=2`);
    expect(after.events.map((e) => e.seq)).toEqual([3]);
    const context = await get<ContextResponse>(app, '/api/contexts/ctx-shared');
    expect(context.tasks.map((t) => t.id)).toContain(task.id);
    expect(context.tasks).toHaveLength(5);
    expect((await app.request('http://127.0.0.1/api/tasks/nope')).status).toBe(404);
    expect((await app.request('http://127.0.0.1/api/contexts/nope')).status).toBe(404);
  });

  it('computes the overview', async () => {
    const store = makeStore();
    const now = Date.now();
    await seedTask(store, { state: 'TASK_STATE_WORKING' });
    await seedTask(store, { state: 'TASK_STATE_FAILED', at: new Date(now - 60_000) });
    await seedTask(store, { state: 'TASK_STATE_COMPLETED' });
    const app = createConsoleApp({ store });
    const overview = await get<OverviewResponse>(app, '/api/overview');
    expect(overview.counts).toEqual({
      TASK_STATE_WORKING: 1,
      TASK_STATE_FAILED: 1,
      TASK_STATE_COMPLETED: 1,
    });
    expect(overview.total).toBe(3);
    expect(overview.failureRate).toBe(0.5);
    expect(overview.perMinute).toHaveLength(30);
    expect(overview.perMinute.reduce((sum, m) => sum + m.created, 0)).toBe(3);
    expect(overview.slowest).toHaveLength(2);
  });
});

describe('sources', () => {
  it('labels the shared store with its only agent, and tenants with theirs', async () => {
    const store = createInMemoryStore();
    await seedTask(store, { tenant: '' });
    await seedTask(store, { tenant: 'b' });
    const app = createConsoleApp({
      store,
      agents: [
        { name: 'one', url: 'http://127.0.0.1:1' },
        { name: 'two', url: 'http://127.0.0.1:2', tenant: 'b' },
      ],
    });
    const page = await get<TaskPageResponse>(app, '/api/tasks');
    expect(page.tasks.map((t) => t.agent).sort()).toEqual(['one', 'two']);
    const info = await get<{ storeAgents: string[]; hasStore: boolean }>(app, '/api/info');
    expect(info).toMatchObject({ hasStore: true, storeAgents: ['one', 'two'] });
  });

  it('works without any store', async () => {
    const app = createConsoleApp({});
    const page = await get<TaskPageResponse>(app, '/api/tasks');
    expect(page).toMatchObject({ tasks: [], totalSize: 0, nextPageToken: '' });
  });
});
