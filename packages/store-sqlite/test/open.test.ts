import { join } from 'node:path';

import { InvalidParamsError } from '@baton/protocol';
import { makeMessage, makeTask, messageEvent, replaceStatusReducer } from '@baton/test-utils';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createSqliteStore, SCHEMA_VERSION } from '../src/index.js';
import { tempDatabase, tempDir } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('opening a database', () => {
  it('migrates once: opening the same file again applies nothing and keeps the data', async () => {
    const path = tempDatabase();
    const first = createSqliteStore({ path });
    const task = makeTask();
    await first.events.create({ tenant: '', owner: '' }, task);
    await first.close();
    const second = createSqliteStore({ path });
    const third = createSqliteStore({ path });
    const versions = second.database
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(await third.tasks.get({ tenant: '' }, task.id)).toBeDefined();
    await Promise.all([second.close(), third.close()]);
  });

  it('refuses a database written by a newer release', () => {
    const path = tempDatabase();
    createSqliteStore({ path }).database.close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2100-01-01')").run();
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/version 999, newer than/);
  });

  it('uses WAL, the chosen synchronous level and foreign keys', async () => {
    const path = tempDatabase();
    const full = createSqliteStore({ path });
    expect(full.database.pragma('journal_mode', { simple: true })).toBe('wal');
    // FULL on a WAL file: SQLite commits with NORMAL and the store syncs the log itself
    // (test/wal-sync.test.ts); without WAL, SQLite's own FULL.
    expect(full.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(full.database.pragma('foreign_keys', { simple: true })).toBe(1);
    const normal = createSqliteStore({ path, synchronous: 'NORMAL' });
    expect(normal.database.pragma('synchronous', { simple: true })).toBe(1);
    await Promise.all([full.close(), normal.close()]);
  });

  it('defaults to $BATON_DATA_DIR/baton.sqlite, else <cwd>/.data/baton.sqlite', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    vi.stubEnv('BATON_DATA_DIR', dataDir);
    const fromEnv = createSqliteStore();
    expect(fromEnv.path).toBe(join(dataDir, 'baton.sqlite'));
    await fromEnv.close();
    vi.stubEnv('BATON_DATA_DIR', '');
    const cwd = tempDir();
    vi.spyOn(process, 'cwd').mockReturnValue(cwd);
    const fromCwd = createSqliteStore();
    expect(fromCwd.path).toBe(join(cwd, '.data', 'baton.sqlite'));
    await fromCwd.close();
  });

  it('bounds event reads without a limit by defaultReadLimit', async () => {
    const store = createSqliteStore({ path: ':memory:', defaultReadLimit: 3 });
    const scope = { tenant: 't', owner: 'o' };
    const task = makeTask();
    await store.events.create(scope, task);
    for (let i = 0; i < 5; i++) {
      await store.events.append(task.id, messageEvent(makeMessage(`${i}`)), replaceStatusReducer);
      await store.messages.append(scope, 'ctx', makeMessage(`${i}`));
      await store.pushConfigs.put({ taskId: task.id, id: `c${i}`, url: 'https://example.com' });
    }
    expect((await store.events.read(task.id, 0)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await store.events.read(task.id, 3)).map((r) => r.seq)).toEqual([4, 5, 6]);
    expect(await store.events.read(task.id, 0, 10)).toHaveLength(6);
    // The contracts: no limit lists a whole conversation and every push config of a task.
    expect(await store.messages.list(scope, 'ctx')).toHaveLength(5);
    expect((await store.pushConfigs.list(task.id)).configs).toHaveLength(5);
    await store.close();
  });

  it('rejects corrupted or foreign page tokens with InvalidParamsError', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const taskId = 'task-1';
    for (const id of ['a', 'b']) await store.pushConfigs.put({ taskId, id, url: 'https://x.io' });
    const pushToken = (await store.pushConfigs.list(taskId, { pageSize: 1 })).nextPageToken;
    await store.events.create({ tenant: 't', owner: 'o' }, makeTask());
    await store.events.create({ tenant: 't', owner: 'o' }, makeTask());
    const taskToken = (await store.tasks.list({ tenant: 't' }, { pageSize: 1 })).nextPageToken;
    const bad = ['%%%', 'e30', Buffer.from('{"k":"task","t":"x","id":1}').toString('base64url')];
    for (const pageToken of [...bad, pushToken, taskToken.slice(0, -3)]) {
      await expect(store.tasks.list({ tenant: 't' }, { pageSize: 1, pageToken })).rejects.toSatisfy(
        InvalidParamsError.isInstance,
      );
    }
    for (const pageToken of [...bad, taskToken]) {
      await expect(store.pushConfigs.list(taskId, { pageToken })).rejects.toSatisfy(
        InvalidParamsError.isInstance,
      );
    }
    await store.close();
  });
});
