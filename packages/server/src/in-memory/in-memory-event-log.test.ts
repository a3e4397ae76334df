import { InternalError, type StreamResponse, type Task } from '@baton/protocol';
import { describe, expect, it, vi } from 'vitest';

import { type TaskReducer } from '../event-log.js';
import { type TaskEventRecord } from '../task-event.js';
import { createInMemoryStore } from './create-in-memory-store.js';
import { InMemoryEventLog } from './in-memory-event-log.js';
import { InMemoryState } from './in-memory-state.js';

const owner = { tenant: '', owner: '' };
const task: Task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_SUBMITTED' } };
const note = (text: string): StreamResponse => ({
  message: { messageId: text, role: 'ROLE_AGENT', parts: [{ text }] },
});
const addToHistory: TaskReducer = (current, event) => ({
  ...current.task,
  history: [...(current.task.history ?? []), ...(event.message ? [event.message] : [])],
});
const setState: TaskReducer = (current, event) => ({
  ...current.task,
  status: event.statusUpdate?.status ?? current.task.status,
});
const status = (state: Task['status']['state']): StreamResponse => ({
  statusUpdate: { taskId: 't1', contextId: 'c1', status: { state } },
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

  it('copies the events it reads, except for readers that only read', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    await events.append('t1', note('kept'), addToHistory);
    const shared = await events.read('t1', 1, undefined, { readsOnly: true });
    const again = await events.read('t1', 0, 10, { readsOnly: true });
    const copied = await events.read('t1', 1);
    expect(shared).toEqual(copied);
    expect(again[1]).toEqual(shared[0]);
    // Readers share the stored event; a plain read's copy is its own to change.
    expect(again[1]!.event).toBe(shared[0]!.event);
    expect(copied[0]!.event).not.toBe(shared[0]!.event);
    copied[0]!.event.message!.parts[0]!.text = 'edited';
    expect((await events.read('t1', 1))[0]!.event.message!.parts[0]!.text).toBe('kept');
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

  it('reads a finished log whole, in order and as copies, also after more appends', async () => {
    let now = Date.UTC(2031, 0, 1);
    const { events } = createInMemoryStore({ now: () => new Date(now++) });
    await events.create(owner, task);
    await events.append('t1', status('TASK_STATE_WORKING'), setState);
    await events.append('t1', note('answer'), addToHistory);
    // The task ends (its log is trimmed), and the log still takes events after that.
    await events.append('t1', status('TASK_STATE_COMPLETED'), setState);
    await events.append('t1', note('after'), addToHistory);
    const records = await events.read('t1', 0);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records.map((r) => r.timestamp)).toEqual(
      [0, 1, 2, 3, 4].map((ms) => new Date(Date.UTC(2031, 0, 1) + ms).toISOString()),
    );
    expect(records[0]).toEqual({
      taskId: 't1',
      seq: 1,
      event: { task },
      timestamp: records[0]!.timestamp,
    });
    expect(records[3]?.event).toEqual(status('TASK_STATE_COMPLETED'));
    expect(records[4]?.event.message?.messageId).toBe('after');
    records[2]!.event.message!.parts[0] = { text: 'scribbled' };
    expect((await events.read('t1', 2, 1))[0]?.event).toEqual(note('answer'));
  });

  it('reads the bounds of a page as a slice of the log would', async () => {
    const { events } = createInMemoryStore();
    await events.create(owner, task);
    for (const text of ['a', 'b', 'c', 'd']) await events.append('t1', note(text), addToHistory);
    const all = await events.read('t1', 0);
    expect(all).toHaveLength(5);
    const bounds: [number, number | undefined][] = [
      [Number.NaN, undefined],
      [Number.NaN, 2],
      [1, Number.NaN],
      [1.7, 2.5],
      [-3, 2],
      [2, -1],
      [2, 0],
      [4, 10],
      [5, undefined],
      [9, 1],
      [Infinity, undefined],
      [-Infinity, Infinity],
      [0, Infinity],
    ];
    for (const [afterSeq, limit] of bounds) {
      const start = Math.max(0, Math.floor(afterSeq));
      const end = limit === undefined ? undefined : start + Math.max(0, limit);
      expect([afterSeq, limit, await events.read('t1', afterSeq, limit)]).toEqual([
        afterSeq,
        limit,
        all.slice(start, end),
      ]);
    }
    expect(await events.read('missing', 0)).toEqual([]);
  });

  it('keeps a log as one flat array, trimmed once the task ends', async () => {
    const state = new InMemoryState();
    const events = new InMemoryEventLog(state);
    await events.create(owner, task);
    await events.append('t1', status('TASK_STATE_WORKING'), setState);
    await events.append('t1', status('TASK_STATE_FAILED'), setState);
    const entry = state.tasks.get('t1')!;
    // An event and its timestamp per record, no record objects kept.
    expect(entry.log).toHaveLength(6);
    expect(entry.log.filter((item) => typeof item === 'string')).toHaveLength(3);
    expect(entry.stored.seq).toBe(3);
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
