import { TaskNotFoundError, UnsupportedOperationError } from '@baton/protocol';
import { type TaskEventRecord, type TaskReducer } from '@baton/server';
import { describe, expect, it, vi } from 'vitest';

import { makeMessage, makeTask, messageEvent, statusEvent } from '../builders.js';
import { replaceStatusReducer } from '../reducer.js';
import { createTask, newOwnership, refusingReducer, type StoreFixture } from './fixture.js';

const isTimestamp = (value: unknown) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** EventLog: create, append, read, sequence numbers, atomic refusal. */
export function describeEventLog(fixture: StoreFixture): void {
  describe('EventLog', () => {
    it('creates a task as event 1 with its snapshot', async () => {
      const ownership = newOwnership();
      const task = makeTask({ history: [makeMessage('hi')] });
      const { record, task: stored } = await fixture.store.events.create(ownership, task);
      expect(record).toEqual({
        taskId: task.id,
        seq: 1,
        event: { task },
        timestamp: record.timestamp,
      });
      expect(isTimestamp(record.timestamp)).toBe(true);
      expect(stored).toMatchObject({
        task,
        tenant: ownership.tenant,
        owner: ownership.owner,
        seq: 1,
      });
      expect(isTimestamp(stored.createdAt) && isTimestamp(stored.updatedAt)).toBe(true);
      expect(await fixture.store.tasks.get(ownership, task.id)).toEqual(stored);
      expect(await fixture.store.events.read(task.id, 0)).toEqual([record]);
    });

    it('refuses to create a task id twice and keeps the first', async () => {
      const ownership = newOwnership();
      const task = await createTask(fixture.store, ownership);
      const other = { ...makeTask(), id: task.id };
      await expect(fixture.store.events.create(newOwnership(), other)).rejects.toThrow();
      expect((await fixture.store.tasks.get(ownership, task.id))?.task).toEqual(task);
      expect(await fixture.store.events.read(task.id, 0)).toHaveLength(1);
    });

    it('appends an event and stores the reducer result as the snapshot', async () => {
      const ownership = newOwnership();
      const task = await createTask(fixture.store, ownership);
      const event = statusEvent(task, 'TASK_STATE_WORKING');
      const seen: unknown[] = [];
      const reducer: TaskReducer = (current, received) => {
        seen.push(structuredClone(current), structuredClone(received));
        return replaceStatusReducer(current, received);
      };
      const result = await fixture.store.events.append(task.id, event, reducer);
      expect(seen[0]).toMatchObject({
        task,
        seq: 1,
        tenant: ownership.tenant,
        owner: ownership.owner,
      });
      expect(seen[1]).toEqual(event);
      expect(result.record).toMatchObject({ taskId: task.id, seq: 2, event });
      expect(result.task).toMatchObject({
        seq: 2,
        task: { ...task, status: event.statusUpdate?.status },
      });
      expect(await fixture.store.tasks.get(ownership, task.id)).toEqual(result.task);
      expect(Date.parse(result.task.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(result.task.createdAt),
      );
      expect((await fixture.store.events.read(task.id, 0)).map((r) => r.seq)).toEqual([1, 2]);
    });

    it('throws TaskNotFoundError when appending to an unknown task', async () => {
      const event = statusEvent(makeTask(), 'TASK_STATE_WORKING');
      await expect(
        fixture.store.events.append('no-such-task', event, replaceStatusReducer),
      ).rejects.toSatisfy(TaskNotFoundError.isInstance);
    });

    it('writes nothing when the reducer refuses an event', async () => {
      const ownership = newOwnership();
      const task = await createTask(fixture.store, ownership, { history: [makeMessage('kept')] });
      const before = await fixture.store.tasks.get(ownership, task.id);
      const listener = vi.fn();
      const unsubscribe = fixture.store.events.subscribe(task.id, listener);
      const event = statusEvent(task, 'TASK_STATE_WORKING');
      await expect(fixture.store.events.append(task.id, event, refusingReducer)).rejects.toThrow(
        'refused by the test reducer',
      );
      expect(await fixture.store.tasks.get(ownership, task.id)).toEqual(before);
      expect(await fixture.store.events.read(task.id, 0)).toHaveLength(1);
      const next = await fixture.store.events.append(task.id, event, replaceStatusReducer);
      expect(next.record.seq).toBe(2);
      await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1));
      expect(listener.mock.calls[0]?.[0]).toMatchObject({ seq: 2 });
      unsubscribe();
    });

    it('refuses events after a terminal state with the reducer error, writing nothing', async () => {
      const ownership = newOwnership();
      const task = await createTask(fixture.store, ownership);
      const done = statusEvent(task, 'TASK_STATE_COMPLETED');
      await fixture.store.events.append(task.id, done, replaceStatusReducer);
      const late = statusEvent(task, 'TASK_STATE_WORKING');
      await expect(
        fixture.store.events.append(task.id, late, replaceStatusReducer),
      ).rejects.toSatisfy(UnsupportedOperationError.isInstance);
      const stored = await fixture.store.tasks.get(ownership, task.id);
      expect(stored).toMatchObject({ seq: 2, task: { status: { state: 'TASK_STATE_COMPLETED' } } });
    });

    it('reads events after a sequence number, at most `limit`', async () => {
      const task = await createTask(fixture.store, newOwnership());
      for (let i = 0; i < 4; i++) {
        await fixture.store.events.append(
          task.id,
          messageEvent(makeMessage(`m${i}`)),
          replaceStatusReducer,
        );
      }
      const seqs = async (after: number, limit?: number) =>
        (await fixture.store.events.read(task.id, after, limit)).map((record) => record.seq);
      expect(await seqs(0)).toEqual([1, 2, 3, 4, 5]);
      expect(await seqs(2)).toEqual([3, 4, 5]);
      expect(await seqs(0, 2)).toEqual([1, 2]);
      expect(await seqs(3, 10)).toEqual([4, 5]);
      expect(await seqs(5)).toEqual([]);
      expect(await fixture.store.events.read('no-such-task', 0)).toEqual([]);
      const records = await fixture.store.events.read(task.id, 1, 1);
      expect(records[0]).toMatchObject({
        taskId: task.id,
        seq: 2,
        event: { message: { parts: [{ text: 'm0' }] } },
      });
    });

    it('keeps sequence numbers gap-free and unique under 200 concurrent appends', async () => {
      const ownership = newOwnership();
      const task = await createTask(fixture.store, ownership);
      const delivered: TaskEventRecord[] = [];
      const unsubscribe = fixture.store.events.subscribe(task.id, (record) =>
        delivered.push(record),
      );
      const messages = Array.from({ length: 200 }, (_, i) => makeMessage(`concurrent ${i}`));
      const results = await Promise.all(
        messages.map((m) =>
          fixture.store.events.append(task.id, messageEvent(m), replaceStatusReducer),
        ),
      );
      const expected = Array.from({ length: 200 }, (_, i) => i + 2);
      expect(results.map((r) => r.record.seq).sort((a, b) => a - b)).toEqual(expected);
      const records = await fixture.store.events.read(task.id, 0);
      expect(records.map((r) => r.seq)).toEqual([1, ...expected]);
      const stored = await fixture.store.tasks.get(ownership, task.id);
      expect(stored?.seq).toBe(201);
      // Every reducer call saw the snapshot of the append before it: no update was lost.
      const ids = (stored?.task.history ?? []).map((m) => m.messageId);
      expect([...ids].sort()).toEqual(messages.map((m) => m.messageId).sort());
      const logged = records.slice(1).map((r) => r.event.message?.messageId);
      expect(ids).toEqual(logged);
      await vi.waitFor(() => expect(delivered).toHaveLength(200));
      expect(delivered.map((r) => r.seq)).toEqual(expected);
      unsubscribe();
    });

    it('numbers the events of different tasks independently', async () => {
      const ownership = newOwnership();
      const [a, b] = await Promise.all([
        createTask(fixture.store, ownership),
        createTask(fixture.store, ownership),
      ]);
      const appends = Array.from({ length: 40 }, (_, i) => {
        const task = i % 2 === 0 ? a : b;
        return fixture.store.events.append(
          task.id,
          messageEvent(makeMessage(`${i}`)),
          replaceStatusReducer,
        );
      });
      await Promise.all(appends);
      for (const task of [a, b]) {
        const seqs = (await fixture.store.events.read(task.id, 0)).map((r) => r.seq);
        expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      }
    });
  });
}
