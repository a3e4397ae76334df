import { type Task } from '@baton/protocol';
import { type TaskReducer } from '@baton/server';
import { makeTask, replaceStatusReducer, statusEvent } from '@baton/test-utils';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const schema = freshSchema();
const ownership = { tenant: 'fast', owner: 'o' };

describePostgres('appends without a read', () => {
  let store: PostgresStore;
  let other: PostgresStore;
  beforeAll(async () => {
    store = await openStore({ schema });
    // Another process, as far as the first store can tell.
    other = await openStore({ schema });
  });
  afterAll(async () => {
    await store.close();
    await other.close();
    await dropSchema(schema);
  });

  const seqs = async (taskId: string) =>
    (await store.events.read(taskId, 0)).map((record) => record.seq);
  const working = (task: Task, text: string) =>
    statusEvent(task, 'TASK_STATE_WORKING', {
      message: { messageId: text, role: 'ROLE_AGENT', parts: [{ text }] },
    });

  it('writes the rows it wrote last without a transaction, gap-free', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    // One statement per append through the pool, none through a transaction's own client.
    const query = vi.spyOn(store.pool, 'query');
    const connect = vi.spyOn(store.pool, 'connect');
    try {
      for (const text of ['one', 'two', 'three'])
        await store.events.append(task.id, working(task, text), replaceStatusReducer);
      expect(query).toHaveBeenCalledTimes(3);
      expect(connect).toHaveBeenCalledTimes(3);
    } finally {
      query.mockRestore();
      connect.mockRestore();
    }
    expect(await seqs(task.id)).toEqual([1, 2, 3, 4]);
    const stored = await other.tasks.get({ tenant: 'fast' }, task.id);
    expect(stored?.seq).toBe(4);
    expect(stored?.task.status.message?.parts).toEqual([{ text: 'three' }]);
  });

  it('falls back to the locked row when another process wrote in between', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    await store.events.append(task.id, working(task, 'mine'), replaceStatusReducer);
    await other.events.append(task.id, working(task, 'theirs'), replaceStatusReducer);
    const result = await store.events.append(
      task.id,
      working(task, 'mine again'),
      replaceStatusReducer,
    );
    expect(result.record.seq).toBe(4);
    expect(await seqs(task.id)).toEqual([1, 2, 3, 4]);
    // The next one writes from the row it now knows again.
    await store.events.append(task.id, working(task, 'last'), replaceStatusReducer);
    expect(await seqs(task.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the locked row decide when the reducer refuses the row it remembers', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    // Appends only to a task someone marked ready; the other process does, after it was created.
    const ready: TaskReducer = (current, event) => {
      if (current.task.metadata?.ready !== true) throw new Error('not ready');
      return replaceStatusReducer(current, event);
    };
    await other.events.append(task.id, working(task, 'ready'), (current) => ({
      ...current.task,
      metadata: { ready: true },
    }));
    const result = await store.events.append(task.id, working(task, 'go'), ready);
    expect(result.task.task.metadata).toEqual({ ready: true });
    expect(await seqs(task.id)).toEqual([1, 2, 3]);
  });

  it('writes nothing for a refused append, and goes on from the row it had', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    const refuse: TaskReducer = () => {
      throw new Error('refused');
    };
    await expect(store.events.append(task.id, working(task, 'no'), refuse)).rejects.toThrow(
      'refused',
    );
    await store.events.append(task.id, working(task, 'yes'), replaceStatusReducer);
    expect(await seqs(task.id)).toEqual([1, 2]);
  });

  it('finds a task gone when its row was deleted since', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    await store.pool.query(`DELETE FROM "${schema}".tasks WHERE id = $1`, [task.id]);
    await expect(
      store.events.append(task.id, working(task, 'late'), replaceStatusReducer),
    ).rejects.toMatchObject({ code: -32001 });
  });

  it('keeps concurrent appends of one process gap-free', async () => {
    const task = makeTask();
    await store.events.create(ownership, task);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.events.append(task.id, working(task, `n${i}`), replaceStatusReducer),
      ),
    );
    expect(await seqs(task.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('does not remember a large task: its appends read the row', async () => {
    const task = makeTask({ metadata: { notes: 'x'.repeat(70_000) } });
    await store.events.create(ownership, task);
    const query = vi.spyOn(store.pool, 'query');
    try {
      await store.events.append(task.id, working(task, 'big'), replaceStatusReducer);
      // The transaction runs on a client of its own: nothing goes through pool.query.
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
    expect(await seqs(task.id)).toEqual([1, 2]);
  });
});
