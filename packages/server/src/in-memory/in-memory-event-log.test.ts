import { InternalError, type StreamResponse, type Task } from '@baton/protocol';
import { describe, expect, it, vi } from 'vitest';

import { type TaskReducer } from '../event-log.js';
import { type TaskEventRecord } from '../task-event.js';
import { createInMemoryStore } from './create-in-memory-store.js';

const owner = { tenant: '', owner: '' };
const task: Task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_SUBMITTED' } };
const note = (text: string): StreamResponse => ({
  message: { messageId: text, role: 'ROLE_AGENT', parts: [{ text }] },
});
const addToHistory: TaskReducer = (current, event) => ({
  ...current.task,
  history: [...(current.task.history ?? []), ...(event.message ? [event.message] : [])],
});

describe('InMemoryEventLog', () => {
  it('copies each record for each listener, except for listeners that only read', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    const got: Record<string, TaskEventRecord[]> = { plain: [], reader: [], other: [] };
    events.subscribe('t1', (record) => got.plain!.push(record));
    events.subscribe('t1', (record) => got.reader!.push(record), { readsOnly: true });
    events.subscribe('t1', (record) => got.other!.push(record), { readsOnly: true });
    await events.append('t1', note('shared'), addToHistory);
    // Readers share the stored record; the plain listener's copy is its own to change.
    expect(got.reader![0]).toBe(got.other![0]);
    expect(got.plain![0]).not.toBe(got.reader![0]);
    expect(got.plain![0]).toEqual(got.reader![0]);
    got.plain![0]!.event.message!.parts[0]!.text = 'edited';
    expect((await events.read('t1', 1))[0]!.event.message!.parts[0]!.text).toBe('shared');
  });

  it('delivers appends made by a listener after the current event, to every listener', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    const seen: Record<string, number[]> = { first: [], second: [] };
    events.subscribe('t1', (record) => {
      seen.first!.push(record.seq);
      if (record.seq === 2) void events.append('t1', note('reaction'), addToHistory);
    });
    events.subscribe('t1', (record) => seen.second!.push(record.seq));
    await events.append('t1', note('cause'), addToHistory);
    await vi.waitFor(() => expect(seen.second).toEqual([2, 3]));
    expect(seen.first).toEqual([2, 3]);
  });

  it('gives a listener added during a delivery only the events appended after it', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    const late: number[] = [];
    events.subscribe('t1', (record) => {
      if (record.seq !== 2) return;
      // Event 3 is stored (and queued for delivery) before the new listener exists.
      void events.append('t1', note('queued'), addToHistory);
      events.subscribe('t1', (next) => late.push(next.seq));
    });
    await events.append('t1', note('one'), addToHistory);
    await events.append('t1', note('two'), addToHistory);
    expect(late).toEqual([4]);
  });

  it('gives each listener its own copy of the record', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    const received: TaskEventRecord[] = [];
    events.subscribe('t1', (record) => {
      record.event.message!.parts[0] = { text: 'scribbled' };
      received.push(record);
    });
    events.subscribe('t1', (record) => received.push(record));
    await events.append('t1', note('clean'), addToHistory);
    expect(received[1]?.event.message?.parts).toEqual([{ text: 'clean' }]);
  });

  it('reports a throwing listener to onListenerError, even if that hook throws', async () => {
    const onListenerError = vi.fn(() => {
      throw new Error('hook bug');
    });
    const { events } = createInMemoryStore({ onListenerError });
    await events.create(owner, task);
    const healthy = vi.fn();
    events.subscribe('t1', () => {
      throw new Error('listener bug');
    });
    events.subscribe('t1', healthy);
    await events.append('t1', note('one'), addToHistory);
    expect(onListenerError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'listener bug' }),
      expect.objectContaining({ seq: 2 }),
    );
    expect(healthy).toHaveBeenCalledTimes(1);
  });

  it('refuses a reducer that changes the task id, writing nothing', async () => {
    const { events, tasks } = createInMemoryStore();
    await events.create(owner, task);
    const rename: TaskReducer = (current) => ({ ...current.task, id: 'other' });
    await expect(events.append('t1', note('x'), rename)).rejects.toSatisfy(
      InternalError.isInstance,
    );
    expect((await tasks.get(owner, 't1'))?.seq).toBe(1);
    expect(await tasks.get(owner, 'other')).toBeUndefined();
  });

  it('stamps records and rows with the injected clock', async () => {
    let now = Date.UTC(2031, 4, 6);
    const { events } = createInMemoryStore({ now: () => new Date(now) });
    const created = await events.create(owner, task);
    now += 1500;
    const appended = await events.append('t1', note('x'), addToHistory);
    expect(created.task.createdAt).toBe('2031-05-06T00:00:00.000Z');
    expect(appended.record.timestamp).toBe('2031-05-06T00:00:01.500Z');
    expect(appended.task).toMatchObject({
      createdAt: created.task.createdAt,
      updatedAt: appended.record.timestamp,
    });
  });

  it('forgets everything and every listener on close', async () => {
    const store = createInMemoryStore();
    await store.events.create(owner, task);
    const listener = vi.fn();
    store.events.subscribe('t1', listener);
    await store.close();
    expect(await store.tasks.get(owner, 't1')).toBeUndefined();
    await store.events.create(owner, task);
    await store.events.append('t1', note('x'), addToHistory);
    expect(listener).not.toHaveBeenCalled();
  });
});
