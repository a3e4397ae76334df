import { type TaskListQuery, type TaskScope } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { buildTaskFilter } from '../src/task-query.js';

const owner = { tenant: 't', owner: 'o' };
const tenant = { tenant: 't' };
const cursor = Buffer.from(JSON.stringify({ k: 'task', t: 1, id: 'x' })).toString('base64url');

const cases: [string, TaskScope, Partial<TaskListQuery>, string][] = [
  ['owner', owner, {}, 'tasks_by_owner'],
  ['owner, deep page', owner, { pageToken: cursor }, 'tasks_by_owner'],
  ['every owner', tenant, {}, 'tasks_by_tenant'],
  ['owner + state', owner, { state: 'TASK_STATE_WORKING' }, 'tasks_by_owner_state'],
  ['every owner + state', tenant, { state: 'TASK_STATE_WORKING' }, 'tasks_by_tenant_state'],
  ['owner + contextId', owner, { contextId: 'c' }, 'tasks_by_context'],
  ['owner + time', owner, { statusTimestampAfter: '2030-01-01T00:00:00Z' }, 'tasks_by_owner'],
  ['owner + text', owner, { text: 'invoice' }, 'tasks_by_owner'],
];

describe('ListTasks query plans', () => {
  const store = createSqliteStore({ path: ':memory:' });
  const plan = (sql: string, params: object) =>
    (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
      .map((row) => row.detail)
      .join(' | ');

  it.each(cases)('%s: walks %s in order, never sorts, never scans', (_, scope, query, index) => {
    const filter = buildTaskFilter(scope, { pageSize: 50, ...query });
    const page = plan(
      `SELECT * FROM tasks WHERE ${filter.pageWhere} ORDER BY status_timestamp DESC, id LIMIT 51`,
      filter.params,
    );
    expect(page).toContain(`SEARCH tasks USING INDEX ${index} (`);
    expect(page).not.toMatch(/TEMP B-TREE|SCAN tasks/);
    const count = plan(`SELECT COUNT(*) FROM tasks WHERE ${filter.where}`, filter.params);
    expect(count).toMatch(/SEARCH tasks USING (COVERING )?INDEX/);
  });

  it('finds unfinished and purgeable tasks through partial indexes', async () => {
    const unfinished = plan(
      `SELECT * FROM tasks WHERE state NOT IN ('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED',
       'TASK_STATE_CANCELED', 'TASK_STATE_REJECTED') ORDER BY created_at, id LIMIT 5`,
      {},
    );
    expect(unfinished).toContain('tasks_unfinished');
    expect(unfinished).not.toContain('TEMP B-TREE');
    await store.close();
  });
});
