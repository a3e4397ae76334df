import { type TaskState } from '@baton/protocol';
import { createSqliteStore } from '@baton/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConsoleApp } from '../src/index.js';
import { type OverviewResponse, type TaskPageResponse } from '../src/shared/api-types.js';

const COUNT = 100_000;
const STATES: TaskState[] = [
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_WORKING',
  'TASK_STATE_CANCELED',
];

describe('100,000 tasks in SQLite', () => {
  const store = createSqliteStore({ path: ':memory:' });
  const app = createConsoleApp({ store });
  const get = async <T>(path: string) => {
    const response = await app.request(`http://127.0.0.1${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    const base = Date.now() - COUNT * 1000;
    for (let i = 0; i < COUNT; i++) {
      const at = new Date(base + i * 1000).toISOString();
      await store.events.create(
        { tenant: '', owner: 'o' },
        {
          id: `t${String(i).padStart(6, '0')}`,
          contextId: `c${i % 5000}`,
          status: { state: STATES[i % STATES.length]!, timestamp: at },
          history: [
            {
              messageId: `m${i}`,
              role: 'ROLE_USER',
              parts: [{ text: i === 4242 ? 'needle in a haystack' : `job ${i}` }],
            },
          ],
        },
      );
    }
  }, 300_000);
  afterAll(() => store.close());

  // That these calls use indexes rather than reading every task is checked on the query plans
  // (store-sqlite's query-plan test); how long they take, by `pnpm bench -- console`.
  it('pages, filters, searches and counts 100,000 tasks', async () => {
    const first = await get<TaskPageResponse>('/api/tasks?pageSize=50');
    expect(first.totalSize).toBe(COUNT);
    expect(first.tasks[0]!.id).toBe(`t${String(COUNT - 1).padStart(6, '0')}`);
    let page = first;
    for (let i = 0; i < 20; i++)
      page = await get<TaskPageResponse>(`/api/tasks?pageSize=50&pageToken=${page.nextPageToken}`);
    const deep = await get<TaskPageResponse>(
      `/api/tasks?pageSize=50&pageToken=${page.nextPageToken}`,
    );
    expect(deep.tasks[0]!.id).toBe(`t${String(COUNT - 1 - 21 * 50).padStart(6, '0')}`);
    const failed = await get<TaskPageResponse>('/api/tasks?state=failed&context=c1');
    expect(failed.tasks.every((t) => t.state === 'TASK_STATE_FAILED' && t.contextId === 'c1')).toBe(
      true,
    );
    const found = await get<TaskPageResponse>('/api/tasks?q=needle');
    expect(found.tasks.map((t) => t.id)).toEqual(['t004242']);
    const overview = await get<OverviewResponse>('/api/overview');
    expect(overview.total).toBe(COUNT);
  }, 60_000);
});
