import fs from 'node:fs';

import {
  makeMessage,
  makeTask,
  messageEvent,
  replaceStatusReducer,
  statusEvent,
} from '@baton/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

type SyncCallback = (error: NodeJS.ErrnoException | null) => void;

const realFdatasync = fs.fdatasync.bind(fs);
const scope = { tenant: 't', owner: 'o' };
const turn = () => new Promise((resolve) => setImmediate(resolve));

interface SyncSpy {
  /** Syncs that started, with the inode of the file each synced. */
  started: { inode: number }[];
  /** Releases the held syncs (they then run for real). */
  release(): void;
  /** The most syncs that ran at once. */
  maxConcurrent: number;
}

/** Watches `fs.fdatasync`; with `hold`, each sync waits for `release()` before it runs. */
function watchSyncs(options: { hold?: boolean; fail?: boolean } = {}): SyncSpy {
  const held: (() => void)[] = [];
  let running = 0;
  const spy: SyncSpy = {
    started: [],
    maxConcurrent: 0,
    release: () => {
      options.hold = false;
      for (const run of held.splice(0)) run();
    },
  };
  vi.spyOn(fs, 'fdatasync').mockImplementation((fd: number, callback: SyncCallback) => {
    spy.started.push({ inode: fs.fstatSync(fd).ino });
    spy.maxConcurrent = Math.max(spy.maxConcurrent, ++running);
    const run = () => {
      if (options.fail) {
        running--;
        const error = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        callback(error);
        return;
      }
      realFdatasync(fd, (error) => {
        running--;
        callback(error);
      });
    };
    if (options.hold) held.push(run);
    else run();
  });
  return spy;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('durable commits without blocking the event loop (synchronous FULL on WAL)', () => {
  it('acknowledges, publishes and shows a write only after a sync of the log that began after it', async () => {
    const path = tempDatabase();
    const store = createSqliteStore({ path });
    const task = makeTask();
    await store.events.create(scope, task);
    const seen: number[] = [];
    store.events.subscribe(task.id, (record) => seen.push(record.seq));

    const syncs = watchSyncs({ hold: true });
    const done: string[] = [];
    const append = store.events
      .append(task.id, statusEvent(task, 'TASK_STATE_WORKING'), replaceStatusReducer)
      .then((result) => (done.push('append'), result));
    for (let i = 0; i < 5; i++) await turn();
    // Committed, not yet durable: nobody is told, and reads wait for the sync.
    const read = store.events.read(task.id, 0).then((records) => (done.push('read'), records));
    const got = store.tasks.get(scope, task.id).then((stored) => (done.push('get'), stored));
    for (let i = 0; i < 5; i++) await turn();
    expect(syncs.started).toHaveLength(1);
    expect(syncs.started[0]!.inode).toBe(fs.statSync(`${path}-wal`).ino);
    expect(done).toEqual([]);
    expect(seen).toEqual([]);

    syncs.release();
    expect((await append).record.seq).toBe(2);
    expect((await read).map((r) => r.seq)).toEqual([1, 2]);
    expect((await got)?.task.status.state).toBe('TASK_STATE_WORKING');
    expect(seen).toEqual([2]);
    await store.close();
  });

  it('purges only after the writes committed before it are acknowledged and published', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const task = makeTask();
    await store.events.create(scope, task);
    const seen: string[] = [];
    store.events.subscribe(task.id, (record) => seen.push(record.event.statusUpdate!.status.state));

    const syncs = watchSyncs({ hold: true });
    const completed = store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_COMPLETED'),
      replaceStatusReducer,
    );
    for (let i = 0; i < 3; i++) await turn();
    // The task is terminal in the file but its last event is not acknowledged yet: a purge now
    // must not take the task (and its listeners) away before that event reaches them.
    const purge = store.tasks.purge(new Date(Date.now() + 60_000).toISOString());
    for (let i = 0; i < 3; i++) await turn();
    syncs.release();
    expect((await completed).record.seq).toBe(2);
    expect(await purge).toBe(1);
    expect(seen).toEqual(['TASK_STATE_COMPLETED']);
    expect(await store.tasks.get(scope, task.id)).toBeUndefined();
    await store.close();
  });

  it('shares one sync between the writes of a turn and never runs two at once', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const tasks = Array.from({ length: 10 }, () => makeTask());
    await Promise.all(tasks.map((task) => store.events.create(scope, task)));
    const syncs = watchSyncs();
    const writes = [];
    for (let round = 0; round < 10; round++) {
      for (const task of tasks) {
        writes.push(
          store.events.append(
            task.id,
            messageEvent(makeMessage(`m${round}`)),
            replaceStatusReducer,
          ),
        );
      }
      writes.push(store.messages.append(scope, 'ctx', makeMessage(`c${round}`)));
      await turn();
    }
    const results = await Promise.all(writes);
    expect(results).toHaveLength(110);
    expect(syncs.started.length).toBeGreaterThan(0);
    expect(syncs.started.length).toBeLessThanOrEqual(10);
    expect(syncs.maxConcurrent).toBe(1);
    // Every write is durable in call order: each task's log is 1..11.
    for (const task of tasks) {
      expect((await store.events.read(task.id, 0)).map((r) => r.seq)).toEqual(
        Array.from({ length: 11 }, (_, i) => i + 1),
      );
    }
    await store.close();
  });

  it('fails the writes waiting for a sync that fails, saying what happened', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const task = makeTask();
    await store.events.create(scope, task);
    const seen: number[] = [];
    store.events.subscribe(task.id, (record) => seen.push(record.seq));
    watchSyncs({ fail: true });
    await expect(
      store.events.append(task.id, statusEvent(task, 'TASK_STATE_WORKING'), replaceStatusReducer),
    ).rejects.toThrow(/Could not sync the SQLite write-ahead log .*-wal: EIO.*check the disk/);
    expect(seen).toEqual([]);
    vi.restoreAllMocks();
    // The store goes on working once the disk does.
    const next = await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_COMPLETED'),
      replaceStatusReducer,
    );
    expect(next.record.seq).toBe(3);
    await store.close();
  });

  it('leaves syncing to SQLite with NORMAL and for in-memory databases', async () => {
    const syncs = watchSyncs();
    for (const store of [
      createSqliteStore({ path: tempDatabase(), synchronous: 'NORMAL' }),
      createSqliteStore({ path: ':memory:' }),
    ]) {
      const task = makeTask();
      await store.events.create(scope, task);
      await store.events.append(
        task.id,
        statusEvent(task, 'TASK_STATE_WORKING'),
        replaceStatusReducer,
      );
      await store.close();
    }
    expect(syncs.started).toEqual([]);
  });

  it('waits for the syncs in flight when it closes', async () => {
    const store = createSqliteStore({ path: tempDatabase() });
    const task = makeTask();
    const syncs = watchSyncs({ hold: true });
    const created = store.events.create(scope, task);
    for (let i = 0; i < 3; i++) await turn();
    let closed = false;
    const closing = store.close().then(() => (closed = true));
    await turn();
    expect(closed).toBe(false);
    syncs.release();
    await closing;
    expect((await created).record.seq).toBe(1);
  });
});
