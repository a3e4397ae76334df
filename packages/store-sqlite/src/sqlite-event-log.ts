import {
  InternalError,
  InvalidParamsError,
  type StreamResponse,
  type Task,
  TaskNotFoundError,
} from '@baton/protocol';
import {
  type AppendResult,
  cloneJson,
  type EventLog,
  type TaskEventRecord,
  type TaskOwnership,
  type TaskReducer,
  type Unsubscribe,
} from '@baton/server';

import { type CommitQueue } from './commit-queue.js';
import { type EventFanOut } from './fan-out.js';
import { type SqliteContext } from './sqlite-context.js';
import { statusTime, TASK_COLUMNS, type TaskRow, toStoredTask } from './task-row.js';
import { taskFragments } from './task-text.js';

type AppendRow = TaskRow & {
  context_id: string | null;
  state: string;
  status_timestamp: number;
};

/** What a write's savepoint produced: its result, and the search change to stage once kept. */
interface Written {
  result: AppendResult;
  rid: number;
  before: ReadonlyMap<string, string>;
  after: ReadonlyMap<string, string>;
}

const NO_FRAGMENTS: ReadonlyMap<string, string> = new Map();

/**
 * The snapshot update of an append, by which listing columns changed (bit 1: context id, 2: state,
 * 4: status time); it binds the changed ones in that order, then the rest. SQLite rewrites the
 * entries of every index whose columns an UPDATE sets, whether the values changed or not, so each
 * statement sets only its own: an event that keeps the status time (an artifact, or a new task's
 * first status, stamped in the millisecond of its creation) leaves the owner, tenant and context
 * indexes alone, and only a new status time or context moves the context index (led by a random
 * id: a page of the log each time).
 */
const UPDATE_TASK = Array.from({ length: 8 }, (_, changed) => {
  const set = [
    changed & 1 ? 'context_id = ?, ' : '',
    changed & 2 ? 'state = ?, ' : '',
    changed & 4 ? 'status_timestamp = ?, ' : '',
  ].join('');
  return `UPDATE tasks SET ${set}updated_at = ?, seq = ?, snapshot = ? WHERE rid = ?`;
});

/**
 * The caller's copy of a write's result, made when first read: the fan-out has already copied
 * the record for every listener, and a caller that reads only part of the result (the request
 * handler reads little) does not pay for the rest.
 */
function copiedOnRead(result: AppendResult): AppendResult {
  let record: TaskEventRecord | undefined;
  let task: AppendResult['task'] | undefined;
  return {
    get record() {
      return (record ??= cloneJson(result.record));
    },
    set record(value) {
      record = value;
    },
    get task() {
      return (task ??= cloneJson(result.task));
    },
    set task(value) {
      task = value;
    },
  };
}

/**
 * The event log of the SQLite store. `create` and `append` each run as one write of a group
 * commit: read the snapshot, run the reducer, insert the event with the next sequence number,
 * store the new snapshot; its search rows are written with the batch. Everything that can refuse
 * an append (an unknown task, the reducer throwing) comes before its first change, so a refused
 * append writes nothing and the others commit. Listeners run after the commit, before the
 * returned promise resolves.
 */
export class SqliteEventLog implements EventLog {
  readonly #context: SqliteContext;
  readonly #fanOut: EventFanOut;
  readonly #commits: CommitQueue;

  constructor(context: SqliteContext, fanOut: EventFanOut) {
    this.#context = context;
    this.#fanOut = fanOut;
    this.#commits = context.commits;
  }

  async create(ownership: TaskOwnership, task: Task): Promise<AppendResult> {
    const snapshot = JSON.stringify(task);
    const run = () => this.#kept(this.#create(ownership, snapshot));
    return copiedOnRead(await this.#commits.enqueue(run, { committed: this.#published }));
  }

  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    // Serialized now, so a caller or reducer that edits the event cannot change the log.
    const eventJson = JSON.stringify(event);
    const run = () => this.#kept(this.#append(taskId, eventJson, reduce));
    return copiedOnRead(await this.#commits.enqueue(run, { committed: this.#published }));
  }

  /** A write that went through: its search rows are written with the batch. */
  #kept(written: Written): AppendResult {
    this.#context.search.stage(written.rid, written.before, written.after);
    return written.result;
  }

  /** Hands a committed record to the live listeners (each gets its own copy). */
  readonly #published = (result: AppendResult): void => this.#fanOut.publish(result.record);

  async read(taskId: string, afterSeq: number, limit?: number): Promise<TaskEventRecord[]> {
    await this.#commits.durable();
    const max = Math.max(0, Math.floor(limit ?? this.#context.readLimit));
    const rows = this.#context
      .statement(
        'SELECT seq, event, timestamp FROM task_events ' +
          'WHERE task_rid = (SELECT rid FROM tasks WHERE id = ?) AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(taskId, afterSeq, max) as { seq: number; event: string; timestamp: string }[];
    return rows.map((row) => ({
      taskId,
      seq: row.seq,
      event: JSON.parse(row.event) as StreamResponse,
      timestamp: row.timestamp,
    }));
  }

  subscribe(taskId: string, listener: (record: TaskEventRecord) => void): Unsubscribe {
    const row = this.#context.statement('SELECT seq FROM tasks WHERE id = ?').get(taskId) as
      { seq: number } | undefined;
    return this.#fanOut.subscribe(taskId, row?.seq ?? 0, listener);
  }

  #create(ownership: TaskOwnership, snapshot: string): Written {
    const task = JSON.parse(snapshot) as Task;
    const fragments = taskFragments(task);
    const timestamp = this.#context.timestamp();
    const inserted = this.#context
      .statement(
        'INSERT INTO tasks (id, tenant, owner, context_id, state, status_timestamp, created_at, ' +
          'updated_at, seq, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ' +
          'ON CONFLICT (id) DO NOTHING',
      )
      .run(
        task.id,
        ownership.tenant,
        ownership.owner,
        task.contextId ?? null,
        task.status.state,
        statusTime(task, timestamp),
        timestamp,
        timestamp,
        snapshot,
      );
    if (inserted.changes === 0) {
      throw new InvalidParamsError(`a task with id ${task.id} already exists`, {
        metadata: { taskId: task.id },
      });
    }
    const rid = Number(inserted.lastInsertRowid);
    this.#insertEvent(rid, 1, `{"task":${snapshot}}`, timestamp);
    const { tenant, owner } = ownership;
    const stored = { task, tenant, owner, seq: 1, createdAt: timestamp, updatedAt: timestamp };
    // Callers and listeners get copies of the result (see `create` and the fan-out).
    const record = { taskId: task.id, seq: 1, event: { task }, timestamp };
    return { result: { record, task: stored }, rid, before: NO_FRAGMENTS, after: fragments };
  }

  #append(taskId: string, eventJson: string, reduce: TaskReducer): Written {
    const row = this.#context
      .statement(
        `SELECT ${TASK_COLUMNS}, context_id, state, status_timestamp FROM tasks WHERE id = ?`,
      )
      .get(taskId) as AppendRow | undefined;
    if (!row) throw new TaskNotFoundError(undefined, { metadata: { taskId } });
    const current = toStoredTask(row);
    const before = taskFragments(current.task);
    const event = JSON.parse(eventJson) as StreamResponse;
    const next = reduce(current, event);
    if (next.id !== taskId) {
      throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
    }
    const snapshot = JSON.stringify(next);
    const after = taskFragments(next);
    const timestamp = this.#context.timestamp();
    const seq = row.seq + 1;
    const contextId = next.contextId ?? null;
    const time = statusTime(next, timestamp);
    const state = next.status.state;
    this.#insertEvent(row.rid, seq, eventJson, timestamp);
    const values: unknown[] = [];
    let changed = 0;
    if (contextId !== row.context_id) {
      changed |= 1;
      values.push(contextId);
    }
    if (state !== row.state) {
      changed |= 2;
      values.push(state);
    }
    if (time !== row.status_timestamp) {
      changed |= 4;
      values.push(time);
    }
    values.push(timestamp, seq, snapshot, row.rid);
    this.#context.statement(UPDATE_TASK[changed]!).run(values);
    const { tenant, owner, created_at: createdAt } = row;
    const stored = { task: next, tenant, owner, seq, createdAt, updatedAt: timestamp };
    const result = { record: { taskId, seq, event, timestamp }, task: stored };
    return { result, rid: row.rid, before, after };
  }

  #insertEvent(rid: number, seq: number, event: string, timestamp: string): void {
    this.#context
      .statement('INSERT INTO task_events (task_rid, seq, event, timestamp) VALUES (?, ?, ?, ?)')
      .run(rid, seq, event, timestamp);
  }
}
