import { type BatonStore } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { makeMessage, statusEvent } from '../builders.js';
import { replaceStatusReducer } from '../reducer.js';
import { createTask, newOwnership, sleep, type StoreFixture } from './fixture.js';

async function finish(store: BatonStore, task: { id: string; contextId?: string | undefined }) {
  await store.events.append(
    task.id,
    statusEvent(task, 'TASK_STATE_COMPLETED'),
    replaceStatusReducer,
  );
}

/** TaskStore: scoped get, listUnfinished, purge. */
export function describeTaskStore(fixture: StoreFixture): void {
  describe('TaskStore', () => {
    it('gets a task only within its tenant and owner; no owner means every owner', async () => {
      const { tenant, owner } = newOwnership();
      const task = await createTask(fixture.store, { tenant, owner });
      const get = (scope: { tenant: string; owner?: string }) =>
        fixture.store.tasks.get(scope, task.id).then((stored) => stored?.task.id);
      expect(await get({ tenant, owner })).toBe(task.id);
      expect(await get({ tenant })).toBe(task.id);
      expect(await get({ tenant, owner: 'someone-else' })).toBeUndefined();
      expect(await get({ tenant: `${tenant}-other`, owner })).toBeUndefined();
      expect(await get({ tenant: `${tenant}-other` })).toBeUndefined();
      expect(await get({ tenant: '' })).toBeUndefined();
      expect(await fixture.store.tasks.get({ tenant }, 'no-such-task')).toBeUndefined();
    });

    it('lists unfinished tasks of every tenant, up to the limit', async () => {
      const working = await createTask(fixture.store, newOwnership(), {
        status: { state: 'TASK_STATE_WORKING' },
      });
      const submitted = await createTask(fixture.store, newOwnership());
      const waiting = await createTask(fixture.store, newOwnership(), {
        status: { state: 'TASK_STATE_INPUT_REQUIRED' },
      });
      const done = await createTask(fixture.store, newOwnership());
      await finish(fixture.store, done);
      const ids = (await fixture.store.tasks.listUnfinished(100_000)).map((s) => s.task.id);
      expect(ids).toEqual(expect.arrayContaining([working.id, submitted.id, waiting.id]));
      expect(ids).not.toContain(done.id);
      expect(await fixture.store.tasks.listUnfinished(1)).toHaveLength(1);
      const [first] = await fixture.store.tasks.listUnfinished(1);
      expect(first).toMatchObject({ seq: expect.any(Number), tenant: expect.any(String) });
    });

    it('purges old terminal tasks with their events, messages and push configs', async () => {
      const store = fixture.store;
      const ownership = newOwnership();
      const old = await createTask(store, ownership);
      const active = await createTask(store, ownership, { contextId: old.contextId });
      for (const task of [old, active]) {
        await store.messages.append(
          ownership,
          old.contextId!,
          makeMessage('m', { taskId: task.id }),
        );
        await store.pushConfigs.put({ taskId: task.id, id: 'hook', url: 'https://example.com/h' });
      }
      await store.messages.append(ownership, old.contextId!, makeMessage('direct reply'));
      await finish(store, old);
      await sleep(10);
      const cutoff = new Date().toISOString();
      await sleep(10);
      const recent = await createTask(store, ownership);
      await finish(store, recent);

      expect(await store.tasks.purge(cutoff)).toBeGreaterThanOrEqual(1);
      expect(await store.tasks.get({ tenant: ownership.tenant }, old.id)).toBeUndefined();
      expect(await store.events.read(old.id, 0)).toEqual([]);
      expect(await store.pushConfigs.get(old.id, 'hook')).toBeUndefined();
      expect((await store.pushConfigs.list(old.id)).configs).toEqual([]);
      const messages = await store.messages.list(ownership, old.contextId!);
      expect(messages.map((m) => m.taskId)).toEqual([active.id, undefined]);

      for (const survivor of [active, recent]) {
        expect(await store.tasks.get(ownership, survivor.id)).toBeDefined();
        expect(await store.events.read(survivor.id, 0)).not.toEqual([]);
      }
      expect(await store.pushConfigs.get(active.id, 'hook')).toBeDefined();
      expect(await store.tasks.purge(cutoff)).toBe(0);
    });

    it('purges nothing when every terminal task is newer than `before`', async () => {
      const ownership = newOwnership();
      const before = new Date(Date.now() - 60_000).toISOString();
      const task = await createTask(fixture.store, ownership);
      await finish(fixture.store, task);
      await fixture.store.tasks.purge(before);
      expect(await fixture.store.tasks.get(ownership, task.id)).toBeDefined();
    });
  });
}
