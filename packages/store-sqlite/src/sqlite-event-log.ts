import {
  InternalError,
  InvalidParamsError,
  type StreamResponse,
  type Task,
  TaskNotFoundError,
  type TaskState,
} from '@baton/protocol';
import {
  type AppendResult,
  cloneJson,
  type EventLog,
  type StoredTask,
  type TaskEventRecord,
  type TaskOwnership,
  type TaskReducer,
  type Unsubscribe,
} from '@baton/server';

import { type CommitQueue } from './commit-queue.js';
import { type EventFanOut } from './fan-out.js';
import { type KnownRow, KnownRows } from './known-rows.js';
import { type SqliteContext } from './sqlite-context.js';
import { statusTime, TASK_COLUMNS, type TaskRow, toStoredTask } from './task-row.js';
import { taskFragments } from './task-text.js';

type AppendRow = TaskRow & {
  context_id: string | null;
  state: TaskState;
  status_timestamp: number;
};

/** What a write produced: its result, and the row it wrote (its search rows staged once kept). */
interface Written {
  result: AppendResult;
  /** The row as written, remembered once the batch has committed. */
  row: KnownRow;
  /** The search fragments of the snapshot the write replaced. */
  before: ReadonlyMap<string, string>;
}

const NO_FRAGMENTS: ReadonlyMap<string, string> = new Map();

/**
 * The snapshot update of an append, by which listing columns changed (bit 1: context id, 2: state,
 * 4: status time); it binds the changed ones in that order, then the rest. SQLite rewrites the
 * entries of every index whose columns an UPDATE sets, whether the values changed or not, so each
 * statement sets only its own: an event that keeps the status time (an artifact, or a new task's
 * first status, stamped in the millisecond of its creation) leaves the owner, tenant and context
 * indexes alone, and only a new status time or context moves the context index (led by a random
 * id: a page of the log each time). It applies only to the row with the seq the append started
 * from: checked against a row read in the same transaction it always does; against a remembered
 * one (see {@link KnownRows}), it finds nothing when the row moved on, and then writes nothing
 * (the `id` guards against a purged task's `rid` given to a new task).
 */
const UPDATE_TASK = Array.from({ length: 8 }, (_, changed) => {
  const set = [
    changed & 1 ? 'context_id = ?, ' : '',
    changed & 2 ? 'state = ?, ' : '',
    changed & 4 ? 'status_timestamp = ?, ' : '',
  ].join('');
  return (
    `UPDATE tasks SET ${set}updated_at = ?, seq = ?, snapshot = ? ` +
    'WHERE rid = ? AND id = ? AND seq = ?'
  );
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
 * commit: run the reducer on the current snapshot, store the new one with the next sequence number
 * and insert the event; its search rows are written with the batch. The current snapshot is the
 * row this store wrote last, when it did (see {@link KnownRows}), and is otherwise read. Everything
 * that can refuse an append (an unknown task, the reducer throwing) comes before its first change,
 * so a refused append writes nothing and the others commit. Listeners run after the commit, before
 * the returned promise resolves.
 */
export class SqliteEventLog implements EventLog {
  readonly #context: SqliteContext;
  readonly #fanOut: EventFanOut;
  readonly #commits: CommitQueue;
  /** The rows this store wrote last, for appends without a read. */
  readonly #known = new KnownRows();

  constructor(context: SqliteContext, fanOut: EventFanOut) {
    this.#context = context;
    this.#fanOut = fanOut;
    this.#commits = context.commits;
  }

  async create(ownership: TaskOwnership, task: Task): Promise<AppendResult> {
    const snapshot = JSON.stringify(task);
    const run = () => this.#kept(this.#create(ownership, snapshot));
    const written = await this.#commits.enqueue(run, { committed: this.#committed });
    return copiedOnRead(written.result);
  }

  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    // Serialized now, so a caller or reducer that edits the event cannot change the log.
    const eventJson = JSON.stringify(event);
    const run = () => this.#kept(this.#append(taskId, eventJson, reduce));
    const written = await this.#commits.enqueue(run, { committed: this.#committed });
    return copiedOnRead(written.result);
  }

  /** A write that went through: its search rows are written with the batch. */
  #kept(written: Written): Written {
    this.#context.search.stage(written.row.rid, written.before, written.row.fragments);
    return written;
  }

  /**
   * A committed write: its row is remembered (only now: a batch that fails leaves nothing the
   * database does not have), and its record handed to the live listeners (each gets a copy).
   */
  readonly #committed = (written: Written): void => {
    const { record } = written.result;
    this.#known.remember(record.taskId, written.row);
    this.#fanOut.publish(record);
  };

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
    const contextId = task.contextId ?? null;
    const time = statusTime(task, timestamp);
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
        contextId,
        task.status.state,
        time,
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
    const row: KnownRow = {
      rid,
      seq: 1,
      tenant,
      owner,
      createdAt: timestamp,
      updatedAt: timestamp,
      snapshot,
      contextId,
      state: task.status.state,
      statusTime: time,
      fragments,
    };
    return { result: { record, task: stored }, row, before: NO_FRAGMENTS };
  }

  #append(taskId: string, eventJson: string, reduce: TaskReducer): Written {
    const known = this.#known.get(taskId);
    if (known) {
      const written = this.#appendKnown(taskId, eventJson, reduce, known);
      if (written) return written;
      this.#known.forget(taskId);
    }
    const read = this.#context
      .statement(
        `SELECT ${TASK_COLUMNS}, context_id, state, status_timestamp FROM tasks WHERE id = ?`,
      )
      .get(taskId) as AppendRow | undefined;
    if (!read) throw new TaskNotFoundError(undefined, { metadata: { taskId } });
    const current = toStoredTask(read);
    const row: KnownRow = {
      rid: read.rid,
      seq: read.seq,
      tenant: read.tenant,
      owner: read.owner,
      createdAt: read.created_at,
      updatedAt: read.updated_at,
      snapshot: read.snapshot,
      contextId: read.context_id,
      state: read.state,
      statusTime: read.status_timestamp,
      fragments: taskFragments(current.task),
    };
    const event = JSON.parse(eventJson) as StreamResponse;
    const next = reduced(taskId, reduce(current, event));
    // The row was read in this transaction: the update's condition holds.
    return this.#write(taskId, eventJson, event, row, next)!;
  }

  /**
   * The append on the row as this store wrote it, without reading it; undefined, having written
   * nothing, when the row moved on since or when the reducer refuses that state (the current row
   * then decides).
   */
  #appendKnown(
    taskId: string,
    eventJson: string,
    reduce: TaskReducer,
    known: KnownRow,
  ): Written | undefined {
    const { tenant, owner, seq, createdAt, updatedAt } = known;
    const current: StoredTask = {
      task: JSON.parse(known.snapshot) as Task,
      tenant,
      owner,
      seq,
      createdAt,
      updatedAt,
    };
    const event = JSON.parse(eventJson) as StreamResponse;
    let next: Task;
    try {
      next = reduce(current, event);
    } catch {
      return undefined;
    }
    return this.#write(taskId, eventJson, event, known, reduced(taskId, next));
  }

  /**
   * Stores `next` over `row` (the update first: when the row is no longer `row`, nothing is
   * written and the result is undefined), then inserts the event.
   */
  #write(
    taskId: string,
    eventJson: string,
    event: StreamResponse,
    row: KnownRow,
    next: Task,
  ): Written | undefined {
    const snapshot = JSON.stringify(next);
    const timestamp = this.#context.timestamp();
    const seq = row.seq + 1;
    const contextId = next.contextId ?? null;
    const time = statusTime(next, timestamp);
    const state = next.status.state;
    const values: unknown[] = [];
    let changed = 0;
    if (contextId !== row.contextId) {
      changed |= 1;
      values.push(contextId);
    }
    if (state !== row.state) {
      changed |= 2;
      values.push(state);
    }
    if (time !== row.statusTime) {
      changed |= 4;
      values.push(time);
    }
    values.push(timestamp, seq, snapshot, row.rid, taskId, row.seq);
    const updated = this.#context.statement(UPDATE_TASK[changed]!).run(values);
    if (updated.changes === 0) return undefined;
    this.#insertEvent(row.rid, seq, eventJson, timestamp);
    const { tenant, owner, createdAt } = row;
    const stored = { task: next, tenant, owner, seq, createdAt, updatedAt: timestamp };
    const result = { record: { taskId, seq, event, timestamp }, task: stored };
    const written: KnownRow = {
      ...row,
      seq,
      updatedAt: timestamp,
      snapshot,
      contextId,
      state,
      statusTime: time,
      fragments: taskFragments(next),
    };
    return { result, row: written, before: row.fragments };
  }

  #insertEvent(rid: number, seq: number, event: string, timestamp: string): void {
    this.#context
      .statement('INSERT INTO task_events (task_rid, seq, event, timestamp) VALUES (?, ?, ?, ?)')
      .run(rid, seq, event, timestamp);
  }
}

/** The reducer's result, refused when it changed the task's id. */
function reduced(taskId: string, next: Task): Task {
  if (next.id !== taskId) {
    throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
  }
  return next;
}
