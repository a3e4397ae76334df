import { InvalidParamsError, type TaskState } from '@baton/protocol';
import { type TaskListQuery } from '@baton/server';
import {
  artifactEvent,
  makeMessage,
  makeTask,
  replaceStatusReducer,
  statusEvent,
} from '@baton/test-utils';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const schema = freshSchema();
const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second)).toISOString();

describePostgres('text search and purge', () => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await openStore({ schema });
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(schema);
  });

  const tenant = () => ({ tenant: `t-${crypto.randomUUID()}`, owner: 'alice' });
  const create = (
    scope: { tenant: string; owner: string },
    text: string,
    options: { state?: TaskState; second?: number; contextId?: string } = {},
  ) =>
    store.events
      .create(
        scope,
        makeTask({
          ...(options.contextId && { contextId: options.contextId }),
          status: {
            state: options.state ?? 'TASK_STATE_WORKING',
            timestamp: at(options.second ?? 0),
          },
          history: [makeMessage(text)],
        }),
      )
      .then((result) => result.task.task);
  const ids = async (scope: { tenant: string; owner?: string }, query: Partial<TaskListQuery>) =>
    (await store.tasks.list(scope, { pageSize: 50, ...query })).tasks.map((s) => s.task.id);

  it('combines text with owner, state, context and time filters, and pages', async () => {
    const alice = tenant();
    const bob = { ...alice, owner: 'bob' };
    const a1 = await create(alice, 'Invoice for ACME corp', { second: 1, contextId: 'c1' });
    const a2 = await create(alice, 'ACME invoice, second copy', {
      second: 2,
      state: 'TASK_STATE_COMPLETED',
    });
    const a3 = await create(alice, 'acme invoice again', { second: 3, contextId: 'c1' });
    await create(alice, 'unrelated shopping list', { second: 4 });
    const b1 = await create(bob, 'ACME invoice for bob', { second: 5 });

    expect(await ids(alice, { text: 'invoice' })).toEqual([a3.id, a2.id, a1.id]);
    expect(await ids(alice, { text: 'acme invoice' })).toEqual([a3.id, a2.id]);
    expect(await ids({ tenant: alice.tenant }, { text: 'acme' })).toEqual([
      b1.id,
      a3.id,
      a2.id,
      a1.id,
    ]);
    expect(await ids(alice, { text: 'acme', state: 'TASK_STATE_COMPLETED' })).toEqual([a2.id]);
    expect(await ids(alice, { text: 'acme', contextId: 'c1' })).toEqual([a3.id, a1.id]);
    expect(await ids(alice, { text: 'invoice', statusTimestampAfter: at(2) })).toEqual([
      a3.id,
      a2.id,
    ]);
    expect(await ids({ tenant: 'another' }, { text: 'acme' })).toEqual([]);

    const first = await store.tasks.list(alice, { pageSize: 2, text: 'invoice' });
    expect(first.totalSize).toBe(3);
    const second = await store.tasks.list(alice, {
      pageSize: 2,
      text: 'invoice',
      pageToken: first.nextPageToken,
    });
    expect([...first.tasks, ...second.tasks].map((s) => s.task.id)).toEqual([a3.id, a2.id, a1.id]);
    expect(second).toMatchObject({ nextPageToken: '', totalSize: 3 });
  });

  it('matches any substring, ignoring case, and takes wildcards and odd input literally', async () => {
    const scope = tenant();
    const task = await create(
      scope,
      'Réunion à REYKJAVÍK: naïve café, 100% done_ok (v2.5) C:\\tmp',
    );
    await create(scope, 'plain words only');
    for (const text of [
      'réun',
      'ykjaví',
      'NAÏVE CAFÉ',
      '100%',
      'done_ok',
      '(v2.5)',
      'c:\\tmp',
      'é',
      '%',
    ]) {
      expect(await ids(scope, { text })).toEqual([task.id]);
    }
    for (const text of ['reun', 'zzz', '100%%', 'done%ok', 'd_ne', "' OR 1=1 --", 'a\u0000b']) {
      expect(await ids(scope, { text })).toEqual([]);
    }
    expect(await ids(scope, { text: '' })).toHaveLength(2);
    expect(await ids(scope, { text: 'o' })).toHaveLength(2);
  });

  it('keeps the search text in step with every append', async () => {
    const scope = tenant();
    const task = await create(scope, 'first words');
    await store.events.append(
      task.id,
      artifactEvent(task, 'quarterly figures'),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'quarterly' })).toEqual([task.id]);
    const asking = statusEvent(task, 'TASK_STATE_INPUT_REQUIRED', {
      message: makeMessage('which currency?', { role: 'ROLE_AGENT' }),
    });
    await store.events.append(task.id, asking, replaceStatusReducer);
    expect(await ids(scope, { text: 'currency' })).toEqual([task.id]);
    // The reference reducer keeps status messages out of history: a new status drops the old text.
    await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_WORKING'),
      replaceStatusReducer,
    );
    expect(await ids(scope, { text: 'currency' })).toEqual([]);
    expect(await ids(scope, { text: 'quarterly figures' })).toEqual([task.id]);
    expect(await ids(scope, { text: 'first words' })).toEqual([task.id]);
  });

  it('lists tasks with extreme or unparsable status times instead of failing', async () => {
    const scope = tenant();
    const make = (timestamp: string) =>
      store.events
        .create(scope, makeTask({ status: { state: 'TASK_STATE_WORKING', timestamp } }))
        .then((result) => result.task);
    const ancient = await make('-010000-01-01T00:00:00Z');
    const future = await make('+275000-01-01T00:00:00Z');
    const garbage = await make('not a time');
    // No parsable status time: the task sorts by updatedAt.
    expect(await ids(scope, {})).toEqual([future.task.id, garbage.task.id, ancient.task.id]);
    const after = await ids(scope, { statusTimestampAfter: '-099999-01-01T00:00:00Z' });
    expect(after).toHaveLength(3);
  });

  it('purges in one go: contexts that empty restart at position 1, subscriptions end', async () => {
    const scope = tenant();
    const task = await create(scope, 'to be purged', { contextId: 'ctx-purge' });
    await store.messages.append(scope, 'ctx-purge', makeMessage('one', { taskId: task.id }));
    await store.messages.append(scope, 'ctx-purge', makeMessage('two', { taskId: task.id }));
    await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_COMPLETED'),
      replaceStatusReducer,
    );
    const stop = store.events.subscribe(task.id, () => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(store.tasks.purge('yesterday-ish')).rejects.toSatisfy(
      InvalidParamsError.isInstance,
    );
    expect(
      await store.tasks.purge(new Date(Date.now() + 1000).toISOString()),
    ).toBeGreaterThanOrEqual(1);
    expect(await store.tasks.get(scope, task.id)).toBeUndefined();
    expect(await store.messages.list(scope, 'ctx-purge')).toEqual([]);
    const again = await store.messages.append(scope, 'ctx-purge', makeMessage('fresh'));
    expect(again.position).toBe(1);
    stop();
  });
});
