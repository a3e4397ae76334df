import { makeMessage, makeTask, replaceStatusReducer, statusEvent } from '@baton/test-utils';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createSqliteStore, MIGRATIONS, SCHEMA_VERSION } from '../src/index.js';
import { migrate } from '../src/migrations.js';
import { tempDatabase } from './helpers.js';

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();

/** A file at schema version 1 holding `tasks`, each with its creation and a working event. */
function writeVersion1(path: string, tasks: ReturnType<typeof makeTask>[]): void {
  const db = new Database(path);
  migrate(db, MIGRATIONS.slice(0, 1));
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, tenant, owner, context_id, state, status_timestamp, created_at,
     updated_at, seq, snapshot) VALUES (?, 't', 'o', ?, 'TASK_STATE_WORKING', ?, ?, ?, 2, ?)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO task_events (task_id, seq, event, timestamp) VALUES (?, ?, ?, ?)',
  );
  const insertSearch = db.prepare(
    "INSERT INTO task_search (task_rid, fragment) VALUES (?, 'h') RETURNING fid",
  );
  const insertText = db.prepare('INSERT INTO task_text (rowid, body) VALUES (?, ?)');
  const insertContext = db.prepare(
    "INSERT INTO contexts (tenant, context_id, last_position) VALUES ('t', ?, 2)",
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (tenant, context_id, position, owner, task_id, message, timestamp)
     VALUES ('t', ?, ?, 'o', ?, ?, ?)`,
  );
  for (const task of tasks) {
    const working = statusEvent(task, 'TASK_STATE_WORKING', { timestamp: at(1) });
    const snapshot = { ...task, status: working.statusUpdate!.status };
    const { lastInsertRowid } = insertTask.run(
      task.id,
      task.contextId ?? null,
      Date.parse(at(1)),
      at(0),
      at(1),
      JSON.stringify(snapshot),
    );
    insertEvent.run(task.id, 1, JSON.stringify({ task }), at(0));
    insertEvent.run(task.id, 2, JSON.stringify(working), at(1));
    const { fid } = insertSearch.get(lastInsertRowid) as { fid: number };
    insertText.run(fid, task.history![0]!.parts[0]!.text);
    // Each conversation: the task's message, then one without a task.
    insertContext.run(task.contextId);
    insertMessage.run(task.contextId, 1, task.id, JSON.stringify(task.history![0]), at(0));
    insertMessage.run(task.contextId, 2, null, JSON.stringify(makeMessage('aside')), at(1));
  }
  db.close();
}

describe('migrations', () => {
  it('upgrades a version 1 file with data: logs, messages, search and purge carry on', async () => {
    const path = tempDatabase();
    const tasks = [
      makeTask({ history: [makeMessage('first invoice')] }),
      makeTask({ history: [makeMessage('second receipt')] }),
    ];
    writeVersion1(path, tasks);
    let now = Date.parse(at(2));
    const store = createSqliteStore({ path, now: () => new Date(now) });
    const versions = store.database.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const scope = { tenant: 't', owner: 'o' };
    const [first, second] = tasks as [(typeof tasks)[0], (typeof tasks)[0]];
    for (const task of tasks) {
      const records = await store.events.read(task.id, 0);
      expect(records.map((r) => [r.seq, r.timestamp])).toEqual([
        [1, at(0)],
        [2, at(1)],
      ]);
      expect(records[0]?.event.task?.id).toBe(task.id);
    }
    for (const task of tasks) {
      const messages = await store.messages.list(scope, task.contextId!);
      expect(messages.map((m) => [m.position, m.taskId, m.message.parts[0]?.text])).toEqual([
        [1, task.id, task.history![0]!.parts[0]!.text],
        [2, undefined, 'aside'],
      ]);
    }
    const next = await store.messages.append(scope, second.contextId!, makeMessage('third'));
    expect(next.position).toBe(3);
    expect(await store.messages.list({ tenant: 't', owner: 'other' }, second.contextId!)).toEqual(
      [],
    );
    const done = statusEvent(first, 'TASK_STATE_COMPLETED', { timestamp: at(2) });
    expect((await store.events.append(first.id, done, replaceStatusReducer)).record.seq).toBe(3);
    expect((await store.events.read(first.id, 2)).map((r) => r.seq)).toEqual([3]);
    const found = await store.tasks.list(scope, { pageSize: 10, text: 'invoice' });
    expect(found.tasks.map((s) => s.task.id)).toEqual([first.id]);

    now += 60_000;
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(1);
    expect(await store.events.read(first.id, 0)).toEqual([]);
    expect((await store.events.read(second.id, 0)).map((r) => r.seq)).toEqual([1, 2]);
    const count = store.database.prepare('SELECT COUNT(*) FROM task_events').pluck().get();
    expect(count).toBe(2);
    // The purged task's message went, and with no task left the expired conversation went too,
    // counter included: it starts again from 1. The other one, whose task runs, keeps counting.
    expect(await store.messages.list(scope, first.contextId!)).toEqual([]);
    expect((await store.messages.append(scope, first.contextId!, makeMessage('x'))).position).toBe(
      1,
    );
    expect((await store.messages.list(scope, second.contextId!)).map((m) => m.position)).toEqual([
      1, 2, 3,
    ]);
    await store.close();
  });
});
