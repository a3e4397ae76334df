import { TaskNotFoundError } from '@baton/protocol';
import { type TaskReducer } from '@baton/server';
import {
  artifactEvent,
  makeMessage,
  makeTask,
  messageEvent,
  replaceStatusReducer,
  statusEvent,
} from '@baton/test-utils';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createSqliteStore, type SqliteStore } from '../src/index.js';
import { type KnownRow, KnownRows } from '../src/known-rows.js';
import { tempDatabase } from './helpers.js';

const scope = { tenant: 't', owner: 'o' };
const METHODS = ['run', 'get', 'all', 'iterate'] as const;
let unwatch: (() => void) | undefined;
afterEach(() => unwatch?.());

/**
 * Records the SQL of every statement better-sqlite3 runs (on any connection) that names the
 * `tasks` table; the returned function gives those run since its last call.
 */
function watchTaskStatements(db: Database.Database): () => string[] {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  const originals = METHODS.map((name) => proto[name] as (...args: unknown[]) => unknown);
  let seen: string[] = [];
  METHODS.forEach((name, index) => {
    proto[name] = function (this: Database.Statement, ...args: unknown[]) {
      if (/\btasks\b/.test(this.source)) seen.push(this.source);
      return originals[index]!.apply(this, args);
    };
  });
  unwatch = () => METHODS.forEach((name, index) => (proto[name] = originals[index]));
  return () => {
    const statements = seen;
    seen = [];
    return statements;
  };
}

const reads = (statements: string[]) => statements.filter((sql) => sql.startsWith('SELECT'));
const seqs = async (store: SqliteStore, taskId: string) =>
  (await store.events.read(taskId, 0)).map((record) => record.seq);
const history = async (store: SqliteStore, taskId: string) =>
  (await store.tasks.get(scope, taskId))?.task.history?.map((m) => m.parts[0]?.text);

describe('an append to a task this store wrote last', () => {
  it('writes with one conditional UPDATE, without reading the row', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const task = makeTask();
    await store.events.create(scope, task);
    const statements = watchTaskStatements(store.database);
    await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_WORKING'),
      replaceStatusReducer,
    );
    await store.events.append(task.id, messageEvent(makeMessage('one')), replaceStatusReducer);
    await store.events.append(task.id, artifactEvent(task, 'result'), replaceStatusReducer);
    const appended = await store.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_COMPLETED'),
      replaceStatusReducer,
    );
    const written = statements();
    expect(written).toHaveLength(4);
    for (const sql of written) expect(sql).toMatch(/^UPDATE tasks SET .* AND seq = \?$/);

    expect(appended.record.seq).toBe(5);
    expect(appended.task).toMatchObject({ seq: 5, tenant: 't', owner: 'o' });
    expect(await seqs(store, task.id)).toEqual([1, 2, 3, 4, 5]);
    const stored = await store.tasks.get(scope, task.id);
    expect(stored).toMatchObject({
      seq: 5,
      task: {
        status: { state: 'TASK_STATE_COMPLETED' },
        artifacts: [{ parts: [{ text: 'result' }] }],
      },
    });
    expect(stored?.task.history?.map((m) => m.parts[0]?.text)).toEqual(['one']);
    expect(await store.tasks.list(scope, { pageSize: 10, text: 'result' })).toMatchObject({
      tasks: [{ task: { id: task.id } }],
    });
    // A finished task is not remembered: a late append reads the row (and is refused).
    statements();
    await expect(
      store.events.append(task.id, messageEvent(makeMessage('late')), replaceStatusReducer),
    ).rejects.toThrow(/no more events/);
    expect(reads(statements())).toHaveLength(1);
    await store.close();
  });

  it('hands the reducer a snapshot that neither callers nor earlier reducers can change', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const task = makeTask();
    const created = await store.events.create(scope, task);
    created.task.task.history = [makeMessage('edited by the caller')];
    // Refused for its result, after the reducer ran on the remembered row: nothing falls back.
    const scribbler: TaskReducer = (current) => {
      (current.task.history ??= []).push(makeMessage('edited by a reducer'));
      return { ...current.task, id: 'another' };
    };
    await expect(
      store.events.append(task.id, messageEvent(makeMessage('x')), scribbler),
    ).rejects.toThrow(/changed task id/);
    const first = await store.events.append(
      task.id,
      messageEvent(makeMessage('one')),
      replaceStatusReducer,
    );
    first.task.task.history!.push(makeMessage('edited by the caller again'));
    await store.events.append(task.id, messageEvent(makeMessage('two')), replaceStatusReducer);
    expect(await history(store, task.id)).toEqual(['one', 'two']);
    await store.close();
  });

  it('reads a snapshot too large to remember', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const task = makeTask({ history: [makeMessage('x'.repeat(70_000))] });
    await store.events.create(scope, task);
    const statements = watchTaskStatements(store.database);
    await store.events.append(task.id, messageEvent(makeMessage('one')), replaceStatusReducer);
    await store.events.append(task.id, messageEvent(makeMessage('two')), replaceStatusReducer);
    expect(reads(statements())).toHaveLength(2);
    expect(await seqs(store, task.id)).toEqual([1, 2, 3]);
    await store.close();
  });
});

describe('an append to a task that changed since this store wrote it', () => {
  let open: SqliteStore[] = [];
  afterEach(async () => {
    await Promise.all(open.map((store) => store.close()));
    open = [];
  });
  /** Two stores on one new database file, closed after the test (passed or not). */
  const twoStoresOnOneFile = () => {
    const path = tempDatabase();
    open = [createSqliteStore({ path }), createSqliteStore({ path })];
    return open as [SqliteStore, SqliteStore];
  };

  it('reads the row another store wrote, and neither loses nor repeats an event', async () => {
    const [a, b] = twoStoresOnOneFile();
    const task = makeTask();
    await a.events.create(scope, task);
    await a.events.append(task.id, messageEvent(makeMessage('a1')), replaceStatusReducer);
    await b.events.append(task.id, messageEvent(makeMessage('b1')), replaceStatusReducer);
    const statements = watchTaskStatements(a.database);

    const appended = await a.events.append(
      task.id,
      messageEvent(makeMessage('a2')),
      replaceStatusReducer,
    );
    expect(reads(statements())).toHaveLength(1);
    expect(appended.record.seq).toBe(4);
    expect(appended.task.task.history?.map((m) => m.parts[0]?.text)).toEqual(['a1', 'b1', 'a2']);
    // Having written it last again, it appends without a read.
    await a.events.append(task.id, messageEvent(makeMessage('a3')), replaceStatusReducer);
    expect(reads(statements())).toEqual([]);
    expect(await seqs(a, task.id)).toEqual([1, 2, 3, 4, 5]);
    expect(await history(b, task.id)).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('lets the current row decide when the reducer refuses the remembered one', async () => {
    const [a, b] = twoStoresOnOneFile();
    const task = makeTask();
    await a.events.create(scope, task);
    await b.events.append(task.id, messageEvent(makeMessage('b1')), replaceStatusReducer);
    const afterAMessage: TaskReducer = (current, event) => {
      if (!current.task.history?.length) throw new Error('no message yet');
      return replaceStatusReducer(current, event);
    };
    const appended = await a.events.append(task.id, messageEvent(makeMessage('a1')), afterAMessage);
    expect(appended.record.seq).toBe(3);
    expect(await history(a, task.id)).toEqual(['b1', 'a1']);

    const other = makeTask();
    await a.events.create(scope, other);
    await expect(
      a.events.append(other.id, messageEvent(makeMessage('x')), afterAMessage),
    ).rejects.toThrow('no message yet');
    expect(await seqs(a, other.id)).toEqual([1]);
  });

  it('finds nothing to append to once another store finished and this one purged the task', async () => {
    const [a, b] = twoStoresOnOneFile();
    const gone = makeTask();
    await a.events.create(scope, gone);
    const rid = (id: string) =>
      a.database.prepare('SELECT rid FROM tasks WHERE id = ?').pluck().get(id) as number;
    const goneRid = rid(gone.id);
    await b.events.append(gone.id, statusEvent(gone, 'TASK_STATE_FAILED'), replaceStatusReducer);
    expect(await a.tasks.purge(new Date(Date.now() + 60_000).toISOString())).toBe(1);
    // SQLite gives the next task the largest rid again: a new task at the same rid and seq.
    const next = makeTask();
    await a.events.create(scope, next);
    expect(rid(next.id)).toBe(goneRid);

    await expect(
      a.events.append(gone.id, messageEvent(makeMessage('x')), replaceStatusReducer),
    ).rejects.toSatisfy(TaskNotFoundError.isInstance);
    expect(await seqs(a, next.id)).toEqual([1]);
    expect(await history(a, next.id)).toBeUndefined();
  });
});

describe('a write that does not commit', () => {
  it('leaves the row remembered as committed when its batch fails', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const task = makeTask();
    await store.events.create(scope, task);
    // The batch's search rows are written last: this one fails the whole batch.
    store.database.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON main.task_search
      WHEN NEW.fragment LIKE 'h:poison%' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const poison = makeMessage('p', { messageId: 'poison' });
    await expect(
      store.events.append(task.id, messageEvent(poison), replaceStatusReducer),
    ).rejects.toThrow('disk full');
    store.database.exec('DROP TRIGGER temp.poison');
    const statements = watchTaskStatements(store.database);

    const appended = await store.events.append(
      task.id,
      messageEvent(makeMessage('one')),
      replaceStatusReducer,
    );
    expect(reads(statements())).toEqual([]);
    expect(appended.record.seq).toBe(2);
    expect(await history(store, task.id)).toEqual(['one']);
    await store.close();
  });

  it('leaves the row remembered as committed when its savepoint undoes it', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const [task, other] = [makeTask(), makeTask()];
    await Promise.all([store.events.create(scope, task), store.events.create(scope, other)]);
    // Fails the event insert, after the snapshot update: the batch runs again in savepoints.
    store.database.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON main.task_events
      WHEN NEW.event LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'half-way'); END`);
    const results = await Promise.allSettled([
      store.events.append(other.id, messageEvent(makeMessage('kept')), replaceStatusReducer),
      store.events.append(task.id, messageEvent(makeMessage('poison')), replaceStatusReducer),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    store.database.exec('DROP TRIGGER temp.poison');
    const statements = watchTaskStatements(store.database);

    await store.events.append(task.id, messageEvent(makeMessage('one')), replaceStatusReducer);
    await store.events.append(other.id, messageEvent(makeMessage('two')), replaceStatusReducer);
    expect(reads(statements())).toEqual([]);
    expect(await seqs(store, task.id)).toEqual([1, 2]);
    expect(await history(store, task.id)).toEqual(['one']);
    expect(await history(store, other.id)).toEqual(['kept', 'two']);
    await store.close();
  });
});

describe('KnownRows', () => {
  const row = (seq: number, length = 10, state: KnownRow['state'] = 'TASK_STATE_WORKING') => ({
    rid: 1,
    seq,
    tenant: 't',
    owner: 'o',
    createdAt: '',
    updatedAt: '',
    snapshot: 'x'.repeat(length),
    contextId: null,
    state,
    statusTime: 0,
    fragments: new Map<string, string>(),
  });
  const ids = (rows: KnownRows, candidates: string[]) =>
    candidates.filter((id) => rows.get(id) !== undefined);

  it('forgets the oldest written past the row limit', () => {
    const rows = new KnownRows({ maxRows: 3 });
    for (const id of ['a', 'b', 'c']) rows.remember(id, row(1));
    rows.remember('a', row(2));
    rows.remember('d', row(1));
    expect(rows.size).toBe(3);
    expect(ids(rows, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    expect(rows.get('a')?.seq).toBe(2);
  });

  it('keeps the snapshots within their size limits', () => {
    const rows = new KnownRows({ maxSnapshot: 100, maxTotal: 250 });
    rows.remember('a', row(1, 100));
    rows.remember('b', row(1, 100));
    rows.remember('a', row(2, 101));
    expect(ids(rows, ['a', 'b'])).toEqual(['b']);
    rows.remember('c', row(1, 100));
    rows.remember('d', row(1, 60));
    expect(ids(rows, ['a', 'b', 'c', 'd'])).toEqual(['c', 'd']);
    rows.remember('e', row(1, 90));
    expect(ids(rows, ['c', 'd', 'e'])).toEqual(['c', 'd', 'e']);
    rows.forget('c');
    rows.remember('f', row(1, 100));
    expect(ids(rows, ['d', 'e', 'f'])).toEqual(['d', 'e', 'f']);
  });

  it('forgets a task once it is finished', () => {
    const rows = new KnownRows();
    rows.remember('a', row(1));
    rows.remember('a', row(2, 10, 'TASK_STATE_COMPLETED'));
    expect(rows.size).toBe(0);
  });
});
