import { type TaskEventRecord } from '@baton/server';
import { describe, expect, it, vi } from 'vitest';

import { makeMessage, messageEvent, statusEvent } from '../builders.js';
import { replaceStatusReducer } from '../reducer.js';
import { createTask, newOwnership, sleep, type StoreFixture } from './fixture.js';

/** How long the suite waits to be sure that no further (duplicate) delivery comes. */
const QUIET_MS = 50;

/** EventLog.subscribe: live fan-out in order, once, after the event is stored. */
export function describeSubscribe(fixture: StoreFixture): void {
  describe('EventLog.subscribe', () => {
    const append = (taskId: string, text: string) =>
      fixture.store.events.append(taskId, messageEvent(makeMessage(text)), replaceStatusReducer);

    it('delivers every later event once, in order, as stored', async () => {
      const task = await createTask(fixture.store, newOwnership());
      await append(task.id, 'before');
      const delivered: TaskEventRecord[] = [];
      const unsubscribe = fixture.store.events.subscribe(task.id, (record) =>
        delivered.push(record),
      );
      for (let i = 0; i < 5; i++) await append(task.id, `after ${i}`);
      await vi.waitFor(() => expect(delivered).toHaveLength(5));
      await sleep(QUIET_MS);
      expect(delivered).toEqual(await fixture.store.events.read(task.id, 2));
      expect(delivered.map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]);
      unsubscribe();
    });

    it('delivers to every listener of the task and to none of other tasks', async () => {
      const ownership = newOwnership();
      const [task, other] = [
        await createTask(fixture.store, ownership),
        await createTask(fixture.store, ownership),
      ];
      const first = vi.fn();
      const second = vi.fn();
      const elsewhere = vi.fn();
      const stops = [
        fixture.store.events.subscribe(task.id, first),
        fixture.store.events.subscribe(task.id, second),
        fixture.store.events.subscribe(other.id, elsewhere),
      ];
      await append(task.id, 'one');
      await append(task.id, 'two');
      await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(2));
      await vi.waitFor(() => expect(first).toHaveBeenCalledTimes(2));
      await sleep(QUIET_MS);
      expect(elsewhere).not.toHaveBeenCalled();
      expect(first.mock.calls.map(([r]) => (r as TaskEventRecord).seq)).toEqual([2, 3]);
      for (const stop of stops) stop();
    });

    it('stops delivering after unsubscribe, and a second unsubscribe is harmless', async () => {
      const task = await createTask(fixture.store, newOwnership());
      const listener = vi.fn();
      const unsubscribe = fixture.store.events.subscribe(task.id, listener);
      await append(task.id, 'seen');
      await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1));
      unsubscribe();
      unsubscribe();
      await append(task.id, 'not seen');
      await sleep(QUIET_MS);
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('removes a listener that throws without troubling the others or the writer', async () => {
      const task = await createTask(fixture.store, newOwnership());
      const thrower = vi.fn(() => {
        throw new Error('listener bug');
      });
      const healthy = vi.fn();
      const stopThrower = fixture.store.events.subscribe(task.id, thrower);
      const stopHealthy = fixture.store.events.subscribe(task.id, healthy);
      await expect(append(task.id, 'one')).resolves.toBeDefined();
      await append(task.id, 'two');
      await vi.waitFor(() => expect(healthy).toHaveBeenCalledTimes(2));
      await sleep(QUIET_MS);
      expect(thrower).toHaveBeenCalledTimes(1);
      expect((await fixture.store.events.read(task.id, 0)).map((r) => r.seq)).toEqual([1, 2, 3]);
      stopThrower();
      stopHealthy();
    });

    it('makes each delivered event readable from the log', async () => {
      const task = await createTask(fixture.store, newOwnership());
      const reads: Promise<TaskEventRecord[]>[] = [];
      const unsubscribe = fixture.store.events.subscribe(task.id, (record) => {
        reads.push(fixture.store.events.read(task.id, record.seq - 1, 1));
      });
      await fixture.store.events.append(
        task.id,
        statusEvent(task, 'TASK_STATE_WORKING'),
        replaceStatusReducer,
      );
      await vi.waitFor(() => expect(reads).toHaveLength(1));
      expect((await reads[0])?.map((r) => r.seq)).toEqual([2]);
      unsubscribe();
    });
  });
}
