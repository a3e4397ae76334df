import { type TaskState } from '@baton/protocol';
import { makeTask, replaceStatusReducer, statusEvent } from '@baton/test-utils';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const schema = freshSchema();
const ownership = { tenant: 'leases', owner: 'o' };
const own = { includeOwn: true };
const notOwn = { includeOwn: false };

describePostgres('instance leases', () => {
  let a: PostgresStore;
  let b: PostgresStore;
  beforeAll(async () => {
    a = await openStore({ schema, instanceId: 'instance-a' });
    b = await openStore({ schema, instanceId: 'instance-b' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropSchema(schema);
  });

  /** A task written by `store` in `state`. */
  const taskIn = async (store: PostgresStore, state: TaskState) => {
    const task = makeTask();
    await store.events.create(ownership, task);
    if (state !== 'TASK_STATE_SUBMITTED')
      await store.events.append(task.id, statusEvent(task, state), replaceStatusReducer);
    return task.id;
  };
  const orphanIds = async (store: PostgresStore, query = own) =>
    (await store.leases.listOrphaned(1000, query)).map((stored) => stored.task.id);
  const setRunner = (taskId: string, runner: string | null) =>
    a.pool.query(`UPDATE "${schema}".tasks SET runner = $1 WHERE id = $2`, [runner, taskId]);
  const setLease = (id: string, expiresInMs: number) =>
    a.pool.query(
      `INSERT INTO "${schema}".instances (id, expires_at)
       VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [id, expiresInMs],
    );

  it('keeps each open store a lease of its own, and writes tasks under its id', async () => {
    const { rows } = await a.pool.query<{ id: string; live: boolean }>(
      `SELECT id, expires_at > now() AS live FROM "${schema}".instances ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'instance-a', live: true },
      { id: 'instance-b', live: true },
    ]);
    const taskId = await taskIn(a, 'TASK_STATE_WORKING');
    const runner = async () =>
      (
        await a.pool.query<{ runner: string }>(
          `SELECT runner FROM "${schema}".tasks WHERE id = $1`,
          [taskId],
        )
      ).rows[0]!.runner;
    expect(await runner()).toBe('instance-a');
    await b.events.append(
      taskId,
      statusEvent({ id: taskId }, 'TASK_STATE_WORKING'),
      replaceStatusReducer,
    );
    expect(await runner()).toBe('instance-b');
  });

  it('lists only submitted or working tasks whose instance has no live lease', async () => {
    const live = await taskIn(a, 'TASK_STATE_WORKING');
    const submitted = await taskIn(a, 'TASK_STATE_SUBMITTED');
    const ghost = await taskIn(a, 'TASK_STATE_WORKING');
    const expired = await taskIn(a, 'TASK_STATE_WORKING');
    const unknown = await taskIn(a, 'TASK_STATE_WORKING');
    const waiting = await taskIn(a, 'TASK_STATE_INPUT_REQUIRED');
    const done = await taskIn(a, 'TASK_STATE_COMPLETED');
    await setRunner(ghost, 'instance-never-seen');
    await setLease('instance-gone', -1000);
    await setRunner(expired, 'instance-gone');
    await setRunner(unknown, null);
    for (const id of [waiting, done]) await setRunner(id, 'instance-gone');
    const seenByB = await orphanIds(b);
    expect(seenByB).toEqual(expect.arrayContaining([ghost, expired, unknown]));
    for (const id of [live, submitted, waiting, done]) expect(seenByB).not.toContain(id);
    // Its own tasks count for A only at start-up (includeOwn), never for a running A.
    expect(await orphanIds(a, notOwn)).not.toContain(live);
    expect(await orphanIds(a, own)).toEqual(expect.arrayContaining([live, submitted]));
    // A lease renewed in time keeps the tasks out again.
    await setLease('instance-gone', 60_000);
    expect(await orphanIds(b)).not.toContain(expired);
  });

  it('lets exactly one instance claim an orphan, and none claim a live instance’s task', async () => {
    const live = await taskIn(a, 'TASK_STATE_WORKING');
    expect(await b.leases.claim(live, own)).toBe(false);
    const orphan = await taskIn(a, 'TASK_STATE_WORKING');
    await setRunner(orphan, 'instance-crashed');
    const claims = await Promise.all([b.leases.claim(orphan, own), a.leases.claim(orphan, notOwn)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The winner holds it now: a running instance's task for both, and the loser cannot take it.
    expect(await orphanIds(a, notOwn)).not.toContain(orphan);
    expect(await orphanIds(b, notOwn)).not.toContain(orphan);
    const loser = claims[0] ? a : b;
    expect(await loser.leases.claim(orphan, notOwn)).toBe(false);
  });

  it('gives its lease up on close, so siblings may take its tasks at once', async () => {
    const c = await openStore({ schema, instanceId: 'instance-c', leaseMs: 60_000 });
    const taskId = await taskIn(c, 'TASK_STATE_WORKING');
    expect(await orphanIds(b)).not.toContain(taskId);
    await c.close();
    expect(await orphanIds(b)).toContain(taskId);
    expect(await b.leases.claim(taskId, notOwn)).toBe(true);
  });

  it('renews its lease before it runs out', async () => {
    const d = await openStore({ schema, instanceId: 'instance-d', leaseMs: 300 });
    const taskId = await taskIn(d, 'TASK_STATE_WORKING');
    // Three lease lengths later the task is still not orphaned: the lease was renewed.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await orphanIds(b)).not.toContain(taskId);
    await d.close();
  });

  it('refuses an empty instance id and a lease under 100 ms', async () => {
    await expect(openStore({ schema, instanceId: '' })).rejects.toThrow(/instanceId/);
    await expect(openStore({ schema, leaseMs: 10 })).rejects.toThrow(/leaseMs/);
  });
});
