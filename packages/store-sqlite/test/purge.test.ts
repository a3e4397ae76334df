import { InvalidParamsError } from '@baton/protocol';
import { makeMessage, makeTask, replaceStatusReducer, statusEvent } from '@baton/test-utils';
import { describe, expect, it, vi } from 'vitest';

import { createSqliteStore } from '../src/index.js';

describe('purge', () => {
  it('removes old terminal tasks with events, messages, push configs and search rows', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createSqliteStore({ path: ':memory:', now: () => new Date(now) });
    const scope = { tenant: 't', owner: 'o' };
    const contextId = 'ctx-shared';
    const old = makeTask({ contextId, history: [makeMessage('searchable old words')] });
    const lone = makeTask({ contextId: 'ctx-lone' });
    const active = makeTask({ contextId, history: [makeMessage('searchable active words')] });
    for (const task of [old, lone, active]) {
      await store.events.create(scope, task);
      await store.messages.append(scope, task.contextId!, makeMessage('m', { taskId: task.id }));
      await store.pushConfigs.put({ taskId: task.id, id: 'hook', url: 'https://example.com/h' });
    }
    for (const task of [old, lone]) {
      await store.events.append(
        task.id,
        statusEvent(task, 'TASK_STATE_FAILED'),
        replaceStatusReducer,
      );
    }
    const listener = vi.fn();
    store.events.subscribe(old.id, listener);
    now += 60_000;
    const count = (table: string) =>
      (store.database.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('tasks'), count('task_events'), count('task_search')]).toEqual([3, 5, 2]);

    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(2);
    expect([count('tasks'), count('task_events'), count('push_configs')]).toEqual([1, 1, 1]);
    expect(count('task_search')).toBe(1);
    // The FTS5 index agrees with its content table: the cascade's trigger cleaned it too.
    store.database.exec("INSERT INTO task_text (task_text) VALUES ('integrity-check')");
    expect(await store.tasks.list(scope, { pageSize: 10, text: 'searchable' })).toMatchObject({
      tasks: [{ task: { id: active.id } }],
      totalSize: 1,
    });
    expect((await store.messages.list(scope, contextId)).map((m) => m.taskId)).toEqual([active.id]);
    // A conversation left empty starts again from 1; a live one keeps counting.
    expect((await store.messages.append(scope, 'ctx-lone', makeMessage('x'))).position).toBe(1);
    expect((await store.messages.append(scope, contextId, makeMessage('y'))).position).toBe(3);
    await expect(store.tasks.purge('not a time')).rejects.toSatisfy(InvalidParamsError.isInstance);
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(0);
    await store.close();
  });

  it('expires conversations left without a task, over many pages and batches', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createSqliteStore({ path: ':memory:', now: () => new Date(now) });
    const scope = { tenant: 't', owner: 'o' };
    // More contexts than one page of the scan (500) and one delete batch (100).
    for (let i = 0; i < 1234; i++) {
      await store.messages.append(scope, `direct-${i}`, makeMessage(`q${i}`));
      await store.messages.append(
        scope,
        `direct-${i}`,
        makeMessage(`a${i}`, { role: 'ROLE_AGENT' }),
      );
    }
    const live = makeTask({ contextId: 'live' });
    await store.events.create(scope, live);
    await store.messages.append(scope, 'live', makeMessage('m', { taskId: live.id }));
    now += 10 * 60_000;
    await store.messages.append(scope, 'young', makeMessage('y'));
    now += 30_000;
    const count = (table: string) =>
      (store.database.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('contexts'), count('messages')]).toEqual([1236, 2470]);

    // The cutoff (maxAge 0) is now, but the floor keeps the 30-second-old conversation.
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(0);
    expect([count('contexts'), count('messages')]).toEqual([2, 2]);
    expect((await store.messages.list(scope, 'young')).map((m) => m.position)).toEqual([1]);
    expect(await store.messages.list(scope, 'direct-7')).toEqual([]);
    expect((await store.messages.append(scope, 'direct-7', makeMessage('again'))).position).toBe(1);
    await store.close();
  });

  it('keeps a conversation that gets a message between the scan and its delete', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createSqliteStore({ path: ':memory:', now: () => new Date(now) });
    const scope = { tenant: 't', owner: 'o' };
    for (const c of ['raced', 'quiet']) await store.messages.append(scope, c, makeMessage('old'));
    now += 10 * 60_000;
    // The scan reads outside the commit queue; right after it saw 'raced' expired, a message
    // arrives there. Its write is queued before the purge's delete, which must check again.
    let appended: Promise<unknown> | undefined;
    const prepare = store.database.prepare.bind(store.database);
    vi.spyOn(store.database, 'prepare').mockImplementation((sql: string) => {
      const statement = prepare(sql);
      if (!sql.includes('FROM contexts c') || !sql.includes('@after')) return statement;
      const all = statement.all.bind(statement);
      return Object.assign(statement, {
        all: (...args: unknown[]) => {
          const rows = all(...args);
          appended ??= store.messages.append(scope, 'raced', makeMessage('new'));
          return rows;
        },
      });
    });
    await store.tasks.purge(new Date(now).toISOString());
    expect(appended).toBeDefined();
    await appended;
    expect((await store.messages.list(scope, 'raced')).map((m) => m.message.parts)).toEqual([
      [{ text: 'old' }],
      [{ text: 'new' }],
    ]);
    expect(await store.messages.list(scope, 'quiet')).toEqual([]);
    await store.close();
  });
});
