import {
  makeMessage,
  makeTask,
  messageEvent,
  replaceStatusReducer,
  statusEvent,
} from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

describe('group commit', () => {
  it('rolls back only the refused append of a batch', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const scope = { tenant: 't', owner: 'o' };
    const task = makeTask();
    const refuse = () => {
      throw new Error('refused');
    };
    const results = await Promise.allSettled([
      store.events.create(scope, task),
      store.events.append(task.id, messageEvent(makeMessage('one')), replaceStatusReducer),
      store.events.append(task.id, messageEvent(makeMessage('refused')), refuse),
      store.events.append('no-such-task', messageEvent(makeMessage('x')), replaceStatusReducer),
      store.events.create(scope, task),
      store.events.append(task.id, statusEvent(task, 'TASK_STATE_COMPLETED'), replaceStatusReducer),
      store.events.append(task.id, messageEvent(makeMessage('late')), replaceStatusReducer),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    const records = await store.events.read(task.id, 0);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    const stored = await store.tasks.get(scope, task.id);
    expect(stored).toMatchObject({ seq: 3, task: { status: { state: 'TASK_STATE_COMPLETED' } } });
    expect(stored?.task.history?.map((m) => m.parts[0]?.text)).toEqual(['one']);
    await store.close();
  });

  it('commits conversation messages with the events of the same turn, in call order', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const scope = { tenant: 't', owner: 'o' };
    const task = makeTask();
    const [created, first, second, appended] = await Promise.all([
      store.events.create(scope, task),
      store.messages.append(scope, 'ctx', makeMessage('first')),
      store.messages.append(scope, 'ctx', makeMessage('second')),
      store.events.append(task.id, statusEvent(task, 'TASK_STATE_WORKING'), replaceStatusReducer),
    ]);
    expect(created.record.seq).toBe(1);
    expect(appended.record.seq).toBe(2);
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(first.message.parts[0]?.text).toBe('first');
    const listed = await store.messages.list(scope, 'ctx');
    expect(listed.map((m) => m.message.parts[0]?.text)).toEqual(['first', 'second']);
    await store.close();
  });

  it('rejects writes after close instead of writing', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const pending = store.events.create({ tenant: 't', owner: 'o' }, makeTask());
    const message = store.messages.append({ tenant: 't', owner: 'o' }, 'ctx', makeMessage('m'));
    await store.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(message).rejects.toThrow(/closed/);
  });
});
