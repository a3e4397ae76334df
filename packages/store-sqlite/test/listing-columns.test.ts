import { type Task } from '@baton/protocol';
import { type TaskReducer } from '@baton/server';
import { makeMessage, makeTask, messageEvent } from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { createSqliteStore, type SqliteStore } from '../src/index.js';

const scope = { tenant: 't', owner: 'o' };
const LISTING = ['context_id', 'state', 'status_timestamp'] as const;
type Listing = (typeof LISTING)[number];

/** Records which listing columns each UPDATE of `tasks` sets (fires whether or not they change). */
function watchUpdates(store: SqliteStore): () => Listing[] {
  const db = store.database;
  db.exec('CREATE TEMP TABLE touched (n INTEGER PRIMARY KEY, col TEXT NOT NULL)');
  for (const col of LISTING) {
    db.exec(`CREATE TEMP TRIGGER touched_${col} AFTER UPDATE OF ${col} ON main.tasks
      BEGIN INSERT INTO temp.touched (col) VALUES ('${col}'); END`);
  }
  return () => {
    const cols = db.prepare('SELECT col FROM temp.touched ORDER BY n').pluck().all() as Listing[];
    db.exec('DELETE FROM temp.touched');
    return cols;
  };
}

const row = (store: SqliteStore, id: string) =>
  store.database
    .prepare('SELECT context_id, state, status_timestamp FROM tasks WHERE id = ?')
    .get(id) as { context_id: string | null; state: string; status_timestamp: number };

/** A reducer that keeps the event out and changes the listing columns in `change`. */
function changing(change: readonly Listing[]): TaskReducer {
  return ({ task }) => {
    const next: Task = { ...task, status: { ...task.status } };
    if (change.includes('context_id')) next.contextId = `${task.contextId}-moved`;
    if (change.includes('state')) next.status.state = 'TASK_STATE_WORKING';
    if (change.includes('status_timestamp')) next.status.timestamp = '2031-01-01T00:00:00.000Z';
    return next;
  };
}

const combinations = Array.from({ length: 8 }, (_, bits) =>
  LISTING.filter((_, index) => bits & (1 << index)),
);

describe('an append writes only the listing columns that changed', () => {
  it.each(combinations.map((change) => [change.join(', ') || 'nothing', change] as const))(
    'changing %s',
    async (_, change) => {
      const store = createSqliteStore({ path: ':memory:' });
      const touched = watchUpdates(store);
      const task = makeTask({
        status: { state: 'TASK_STATE_SUBMITTED', timestamp: '2030-01-01T00:00:00.000Z' },
      });
      await store.events.create(scope, task);
      const before = row(store, task.id);
      await store.events.append(task.id, messageEvent(makeMessage('x')), changing(change));

      expect(touched()).toEqual(change);
      const after = row(store, task.id);
      expect(after).toEqual({
        context_id: change.includes('context_id') ? `${task.contextId}-moved` : before.context_id,
        state: change.includes('state') ? 'TASK_STATE_WORKING' : 'TASK_STATE_SUBMITTED',
        status_timestamp: Date.parse(
          change.includes('status_timestamp')
            ? '2031-01-01T00:00:00.000Z'
            : '2030-01-01T00:00:00.000Z',
        ),
      });
      // The listings find the task under its new values, and only there.
      const ids = async (query: object) =>
        (await store.tasks.list(scope, { pageSize: 10, ...query })).tasks.map((t) => t.task.id);
      expect(await ids({ contextId: after.context_id })).toEqual([task.id]);
      expect(await ids({ state: after.state })).toEqual([task.id]);
      expect(await ids({ statusTimestampAfter: '2030-06-01T00:00:00.000Z' })).toEqual(
        change.includes('status_timestamp') ? [task.id] : [],
      );
      if (change.includes('context_id'))
        expect(await ids({ contextId: task.contextId })).toEqual([]);
      const stored = await store.tasks.get(scope, task.id);
      expect(stored).toMatchObject({ seq: 2, task: { contextId: after.context_id } });
      await store.close();
    },
  );

  it('a status event that keeps its time leaves the context and time columns alone', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const touched = watchUpdates(store);
    const task = makeTask();
    await store.events.create(scope, task);
    const status = (state: Task['status']['state'], timestamp?: string): TaskReducer => {
      return ({ task: current }) => ({
        ...current,
        status: { state, timestamp: timestamp ?? current.status.timestamp },
      });
    };
    const event = messageEvent(makeMessage('x'));
    await store.events.append(task.id, event, status('TASK_STATE_WORKING'));
    expect(touched()).toEqual(['state']);
    await store.events.append(task.id, event, status('TASK_STATE_WORKING'));
    expect(touched()).toEqual([]);
    await store.events.append(
      task.id,
      event,
      status('TASK_STATE_COMPLETED', '2031-01-01T00:00:00Z'),
    );
    expect(touched()).toEqual(['state', 'status_timestamp']);
    expect(await store.tasks.listUnfinished(10)).toEqual([]);
    await store.close();
  });
});

describe('listing columns in a batch', () => {
  it('a refused append between two that move the task writes nothing', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const task = makeTask({
      status: { state: 'TASK_STATE_SUBMITTED', timestamp: '2030-01-01T00:00:00.000Z' },
    });
    await store.events.create(scope, task);
    const event = messageEvent(makeMessage('x'));
    const refuse: TaskReducer = () => {
      throw new Error('refused');
    };
    const results = await Promise.allSettled([
      store.events.append(task.id, event, changing(['state'])),
      store.events.append(task.id, event, refuse),
      store.events.append(task.id, event, changing(['context_id', 'status_timestamp'])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(row(store, task.id)).toEqual({
      context_id: `${task.contextId}-moved`,
      state: 'TASK_STATE_WORKING',
      status_timestamp: Date.parse('2031-01-01T00:00:00.000Z'),
    });
    expect((await store.events.read(task.id, 0)).map((r) => r.seq)).toEqual([1, 2, 3]);
    await store.close();
  });
});
