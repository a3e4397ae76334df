import { makeMessage, makeTask, messageEvent, replaceStatusReducer } from '@baton/test-utils';
import {
  DATABASE_URL,
  describePostgres,
  dropSchema,
  freshSchema,
} from '@baton-apps/test-support/postgres';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';

import { migratePostgresSchema, PostgresStore, SCHEMA_VERSION } from '../src/index.js';
import { openStore } from './database.js';

const schemas: string[] = [];
const newSchema = () => {
  const schema = freshSchema('baton_migrate');
  schemas.push(schema);
  return schema;
};

describePostgres('migrations and restarts', () => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  afterAll(async () => {
    await pool.end();
    for (const schema of schemas) await dropSchema(schema);
  });

  it('migrates once when five stores start at the same moment', async () => {
    const schema = newSchema();
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore({ schema })));
    const { rows } = await pool.query(
      `SELECT version FROM "${schema}".migrations ORDER BY version`,
    );
    expect(rows.map((row: { version: number }) => row.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    // Every store works on the result.
    await Promise.all(
      stores.map((store) => store.events.create({ tenant: '', owner: '' }, makeTask())),
    );
    await Promise.all(stores.map((store) => store.close()));
    expect(await migratePostgresSchema(pool, schema)).toEqual({
      from: SCHEMA_VERSION,
      to: SCHEMA_VERSION,
      notices: [],
    });
  });

  it('refuses a schema it cannot use: missing with migrate false, or newer than the package', async () => {
    const schema = newSchema();
    await expect(openStore({ schema, migrate: false })).rejects.toThrow(/version 0/);
    await migratePostgresSchema(pool, schema);
    await (await openStore({ schema, migrate: false })).close();
    await pool.query(`INSERT INTO "${schema}".migrations (version, name) VALUES (999, 'future')`);
    await expect(openStore({ schema })).rejects.toThrow(/newer than this/);
    await expect(openStore({ schema: 'Not-An-Identifier' })).rejects.toThrow(TypeError);
    expect(() => new PostgresStore({ schema: 'x; DROP TABLE y' })).toThrow(TypeError);
  });

  it('finds every task, event, message and push config again after a restart', async () => {
    const schema = newSchema();
    const ownership = { tenant: 'restart', owner: 'me' };
    const first = await openStore({ schema });
    const { task } = await first.events.create(ownership, makeTask());
    const taskId = task.task.id;
    await first.events.append(taskId, messageEvent(makeMessage('kept')), replaceStatusReducer);
    await first.messages.append(ownership, 'ctx', makeMessage('said', { taskId }));
    await first.pushConfigs.put({ taskId, id: 'hook', url: 'https://example.com/hook' });
    const before = await first.tasks.get(ownership, taskId);
    await first.close();

    const second = await openStore({ schema });
    expect(await second.tasks.get(ownership, taskId)).toEqual(before);
    expect((await second.events.read(taskId, 0)).map((record) => record.seq)).toEqual([1, 2]);
    expect((await second.messages.list(ownership, 'ctx')).map((m) => m.position)).toEqual([1]);
    expect(await second.pushConfigs.get(taskId, 'hook')).toMatchObject({ id: 'hook' });
    const next = await second.events.append(
      taskId,
      messageEvent(makeMessage('more')),
      replaceStatusReducer,
    );
    expect(next.record.seq).toBe(3);
    expect((await second.messages.append(ownership, 'ctx', makeMessage('again'))).position).toBe(2);
    await second.close();
  });

  it('leaves a pool it was given open', async () => {
    const schema = newSchema();
    const store = await openStore({ schema, pool });
    await store.close();
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
  });
});
