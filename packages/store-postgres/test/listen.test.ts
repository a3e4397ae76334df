import { type TaskEventRecord } from '@baton/server';
import { makeMessage, makeTask, messageEvent, replaceStatusReducer } from '@baton/test-utils';
import {
  DATABASE_URL,
  describePostgres,
  dropSchema,
  freshSchema,
} from '@baton-apps/test-support/postgres';
import pg from 'pg';
import { afterAll, afterEach, expect, it, vi } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const schema = freshSchema();

/**
 * The seqs delivered: every one from `from` to `to`, in order, once. An event another process
 * committed just before `subscribe` may come first too (the store errs towards delivering it
 * rather than risking a loss), so the run may start earlier, but never later, than `from`.
 */
function expectRun(seen: TaskEventRecord[], from: number, to: number): void {
  const seqs = seen.map((record) => record.seq);
  const first = Math.min(seqs[0] ?? from, from);
  expect(seqs).toEqual(Array.from({ length: to - first + 1 }, (_, i) => first + i));
}
const ownership = { tenant: 'listen', owner: 'someone' };

describePostgres('LISTEN/NOTIFY across store instances', () => {
  const open: PostgresStore[] = [];
  const store = async (options: Parameters<typeof openStore>[0]) => {
    const opened = await openStore({ schema, ...options });
    open.push(opened);
    return opened;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((opened) => opened.close()));
  });
  afterAll(() => dropSchema(schema));

  const append = (target: PostgresStore, taskId: string, text: string) =>
    target.events.append(taskId, messageEvent(makeMessage(text)), replaceStatusReducer);

  it('delivers another instance’s appends, with local ones, in order and once', async () => {
    const listener = await store({ listen: true });
    const writer = await store({ notify: true });
    const { task } = await writer.events.create(ownership, makeTask());
    const seen: TaskEventRecord[] = [];
    const stop = listener.events.subscribe(task.task.id, (record) => seen.push(record));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await append(writer, task.task.id, 'before');
    // Both stores write at once; the row lock interleaves them.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => append(i % 2 ? writer : listener, task.task.id, `${i}`)),
    );
    await vi.waitFor(() => expect(seen.at(-1)?.seq).toBe(42));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectRun(seen, 2, 42);
    expect(seen).toEqual(await listener.events.read(task.task.id, seen[0]!.seq - 1));
    stop();
  });

  it('does not hear other instances without listen, until a local append shows the gap', async () => {
    const quiet = await store({});
    const writer = await store({ notify: true });
    const { task } = await writer.events.create(ownership, makeTask());
    const seen: TaskEventRecord[] = [];
    quiet.events.subscribe(task.task.id, (record) => seen.push(record));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await append(writer, task.task.id, 'remote');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([]);
    await append(quiet, task.task.id, 'local');
    await vi.waitFor(() => expect(seen.map((record) => record.seq)).toEqual([2, 3]));
  });

  it('catches up on what it missed while its LISTEN connection was down', async () => {
    const listener = await store({ listen: true, logger: silent });
    const writer = await store({ notify: true });
    const { task } = await writer.events.create(ownership, makeTask());
    const seen: TaskEventRecord[] = [];
    listener.events.subscribe(task.task.id, (record) => seen.push(record));
    await append(writer, task.task.id, 'one');
    await vi.waitFor(() => expect(seen.at(-1)?.seq).toBe(2));

    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE query = $1 AND pid <> pg_backend_pid()`,
      [`LISTEN "${schema}_events"`],
    );
    await admin.end();
    expect(killed.rowCount).toBe(1);
    // Appended while nobody listens: the reconnect's catch-up reads them from the log.
    for (const text of ['two', 'three', 'four']) await append(writer, task.task.id, text);
    await vi.waitFor(() => expect(seen.at(-1)?.seq).toBe(5), { timeout: 5000 });
    expectRun(seen, 2, 5);
  });
});

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
