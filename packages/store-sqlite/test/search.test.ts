import { type TaskListQuery, type TaskScope } from '@baton/server';
import {
  artifactEvent,
  makeMessage,
  makeTask,
  messageEvent,
  replaceStatusReducer,
  statusEvent,
  uniqueId,
} from '@baton/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSqliteStore, type SqliteStore } from '../src/index.js';

let store: SqliteStore;
beforeEach(() => {
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(() => store.close());

const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, seconds)).toISOString();

async function ids(scope: TaskScope, query: Partial<TaskListQuery>) {
  const page = await store.tasks.list(scope, { pageSize: 100, ...query });
  return page.tasks.map((stored) => stored.task.id);
}

describe('full-text search', () => {
  it('combines text with owner, contextId, state, time filters and paging', async () => {
    const alice = { tenant: 't', owner: 'alice' };
    const bob = { tenant: 't', owner: 'bob' };
    const contextId = uniqueId('ctx');
    const make = async (owner: typeof alice, text: string, seconds: number, ctx = contextId) => {
      const task = makeTask({
        contextId: ctx,
        history: [makeMessage(text)],
        status: { state: 'TASK_STATE_WORKING', timestamp: at(seconds) },
      });
      await store.events.create(owner, task);
      return task.id;
    };
    const a1 = await make(alice, 'quarterly invoice for ACME', 1);
    const a2 = await make(alice, 'second invoice', 2);
    const a3 = await make(alice, 'invoice in another context', 3, uniqueId('ctx'));
    await make(alice, 'a receipt, not the other word', 4);
    const b1 = await make(bob, 'bob has an invoice too', 5);
    await store.events.append(
      a2,
      statusEvent({ id: a2, contextId }, 'TASK_STATE_COMPLETED', {
        timestamp: at(6),
      }),
      replaceStatusReducer,
    );

    expect(await ids(alice, { text: 'invoice' })).toEqual([a2, a3, a1]);
    expect(await ids({ tenant: 't' }, { text: 'invoice' })).toEqual([a2, b1, a3, a1]);
    expect(await ids({ tenant: 'other' }, { text: 'invoice' })).toEqual([]);
    expect(await ids(alice, { text: 'invoice', contextId })).toEqual([a2, a1]);
    expect(await ids(alice, { text: 'invoice', state: 'TASK_STATE_WORKING' })).toEqual([a3, a1]);
    expect(await ids(alice, { text: 'invoice', statusTimestampAfter: at(3) })).toEqual([a2, a3]);

    const first = await store.tasks.list(alice, { pageSize: 2, text: 'INVOICE' });
    expect(first.totalSize).toBe(3);
    const second = await store.tasks.list(alice, {
      pageSize: 2,
      text: 'INVOICE',
      pageToken: first.nextPageToken,
    });
    expect([...first.tasks, ...second.tasks].map((s) => s.task.id)).toEqual([a2, a3, a1]);
    expect(second).toMatchObject({ nextPageToken: '', totalSize: 3 });
  });

  it('matches substrings case-insensitively, short ones too', async () => {
    const scope = { tenant: 't', owner: 'o' };
    const task = makeTask({ history: [makeMessage('Straße to Zürich, 100% done_ok')] });
    await store.events.create(scope, task);
    for (const text of [
      'zürich',
      'ZÜRICH',
      'raße',
      'to z',
      'e',
      'Zü',
      '100%',
      '%',
      'done_ok',
      '_',
    ]) {
      expect(await ids(scope, { text }), text).toEqual([task.id]);
    }
    for (const text of ['zurich', 'x%', '%%', 'x_y', 'a\\']) {
      expect(await ids(scope, { text }), text).toEqual([]);
    }
  });

  it('treats FTS5 syntax as plain text, never as an error', async () => {
    const scope = { tenant: 't', owner: 'o' };
    const tricky = 'say "NEAR(a b)" AND body: x* ^start OR - (group) \'quote\' \\ ;--';
    const task = makeTask({ history: [makeMessage(tricky)] });
    await store.events.create(scope, task);
    const queries = [
      '"',
      '""',
      '"unterminated',
      'NEAR(a b)',
      'AND',
      'OR NOT',
      'body:',
      'x*',
      '*',
      '^start',
      '(group)',
      "'quote'",
      '\\',
      ';--',
      'a"b',
      '-',
      '\0',
      '   ',
      '\n',
    ];
    for (const text of queries) {
      await expect(ids(scope, { text }), text).resolves.toBeDefined();
    }
    expect(await ids(scope, { text: '"NEAR(a b)" AND' })).toEqual([task.id]);
    expect(await ids(scope, { text: 'x* ^start' })).toEqual([task.id]);
  });

  it('follows every append: replaced artifacts and status messages stop matching', async () => {
    const scope = { tenant: 't', owner: 'o' };
    const task = makeTask();
    await store.events.create(scope, task);
    expect(await ids(scope, { text: 'draft' })).toEqual([]);
    await store.events.append(
      task.id,
      artifactEvent(task, { artifactId: 'doc', parts: [{ text: 'first draft' }] }),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'draft' })).toEqual([task.id]);
    await store.events.append(
      task.id,
      artifactEvent(task, { artifactId: 'doc', parts: [{ text: 'final version' }] }),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'draft' })).toEqual([]);
    expect(await ids(scope, { text: 'final' })).toEqual([task.id]);
    await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_INPUT_REQUIRED', { message: makeMessage('need a colour') }),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'colour' })).toEqual([task.id]);
    await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_WORKING'),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'colour' })).toEqual([]);
    await store.events.append(
      task.id,
      messageEvent(makeMessage('more colour')),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'colour' })).toEqual([task.id]);
  });

  it('indexes a batch once: rolled-back, replaced and purged text never matches', async () => {
    let now = Date.UTC(2030, 0, 1);
    const clocked = createSqliteStore({ path: ':memory:', now: () => new Date(now) });
    const scope = { tenant: 't', owner: 'o' };
    const find = async (text: string) =>
      (await clocked.tasks.list(scope, { pageSize: 10, text })).tasks.map((s) => s.task.id);
    const task = makeTask({ history: [makeMessage('alpha words')] });
    const gone = makeTask({ history: [makeMessage('ephemeral words')] });
    const refuse: typeof replaceStatusReducer = (current, event) => {
      replaceStatusReducer(current, event);
      throw new Error('refused');
    };
    const doc = (text: string) => artifactEvent(task, { artifactId: 'doc', parts: [{ text }] });
    // One tick, so one batch: its search rows are written together before its commit.
    const results = await Promise.allSettled([
      clocked.events.create(scope, task),
      clocked.events.create(scope, gone),
      clocked.events.append(task.id, doc('bravo draft'), replaceStatusReducer),
      clocked.events.append(task.id, doc('charlie refused'), refuse),
      clocked.events.append(task.id, doc('delta final'), replaceStatusReducer),
      clocked.events.append(
        gone.id,
        statusEvent(gone, 'TASK_STATE_COMPLETED'),
        replaceStatusReducer,
      ),
      clocked.tasks.purge(new Date(now + 1).toISOString()),
      clocked.events.append(task.id, doc('echo after the purge'), replaceStatusReducer),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await find('alpha')).toEqual([task.id]);
    for (const text of ['bravo', 'charlie', 'delta', 'ephemeral'])
      expect(await find(text)).toEqual([]);
    expect(await find('echo')).toEqual([task.id]);
    now += 1000;
    await clocked.events.append(task.id, doc('foxtrot'), replaceStatusReducer);
    expect(await find('echo')).toEqual([]);
    expect(await find('fox')).toEqual([task.id]);
    // Every FTS5 row agrees with task_search and the index agrees with its content.
    const count = (sql: string) => (clocked.database.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM task_search')).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM task_text')).toBe(2);
    expect(
      count('SELECT COUNT(*) AS n FROM task_search s JOIN task_text t ON t.rowid = s.fid'),
    ).toBe(2);
    clocked.database.exec("INSERT INTO task_text (task_text) VALUES ('integrity-check')");
    await clocked.close();
  });
});
