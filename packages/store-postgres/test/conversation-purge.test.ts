import { makeMessage, makeTask } from '@baton/test-utils';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const schema = freshSchema();
const MINUTE = 60_000;

describePostgres('conversation purge', () => {
  let now = Date.UTC(2030, 0, 1);
  let store: PostgresStore;
  beforeAll(async () => {
    store = await openStore({ schema, now: () => new Date(now) });
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(schema);
  });
  const count = async (table: 'contexts' | 'messages', tenant: string) => {
    const { rows } = await store.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".${table} WHERE tenant = $1`,
      [tenant],
    );
    return rows[0]!.n;
  };

  it('expires conversations left without a task, over many pages and batches', async () => {
    const scope = { tenant: 'pages', owner: 'o' };
    // More contexts than one page of the scan (500) and one delete batch (100).
    await Promise.all(
      Array.from({ length: 1234 }, async (_, i) => {
        await store.messages.append(scope, `direct-${i}`, makeMessage(`q${i}`));
        await store.messages.append(scope, `direct-${i}`, makeMessage(`a${i}`));
      }),
    );
    const live = makeTask({ contextId: 'live' });
    await store.events.create(scope, live);
    await store.messages.append(scope, 'live', makeMessage('m', { taskId: live.id }));
    now += 10 * MINUTE;
    await store.messages.append(scope, 'young', makeMessage('y'));
    now += 30_000;
    expect([await count('contexts', 'pages'), await count('messages', 'pages')]).toEqual([
      1236, 2470,
    ]);
    // The cutoff (maxAge 0) is now, but the floor keeps the 30-second-old conversation.
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(0);
    expect([await count('contexts', 'pages'), await count('messages', 'pages')]).toEqual([2, 2]);
    expect(await store.messages.list(scope, 'direct-7')).toEqual([]);
    expect((await store.messages.append(scope, 'direct-7', makeMessage('again'))).position).toBe(1);
  });

  it('never loses a message appended while the purge runs', async () => {
    const scope = { tenant: 'race', owner: 'o' };
    const contexts = Array.from({ length: 600 }, (_, i) => `c-${i}`);
    await Promise.all(contexts.map((c) => store.messages.append(scope, c, makeMessage('old'))));
    now += 10 * MINUTE;
    const purge = store.tasks.purge(new Date(now).toISOString());
    // One at a time, so that some land before the purge reaches their context and some after.
    const appended = [];
    for (const c of contexts)
      appended.push(await store.messages.append(scope, c, makeMessage('new')));
    await purge;
    for (const [i, c] of contexts.entries()) {
      const kept = await store.messages.list(scope, c);
      // Before the purge reached it, the context kept both; after, the new one starts afresh.
      expect(kept.at(-1)).toMatchObject({ position: appended[i]!.position });
      expect(kept.at(-1)!.message.parts).toEqual([{ text: 'new' }]);
    }
  });
});
