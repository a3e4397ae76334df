import {
  InternalError,
  InvalidParamsError,
  type StreamResponse,
  type Task,
  TaskNotFoundError,
} from '@baton/protocol';
import {
  type AppendResult,
  type EventLog,
  type StoredTask,
  type TaskEventRecord,
  type TaskOwnership,
  type TaskReducer,
  type Unsubscribe,
} from '@baton/server';

import { type EventFanOut } from './fan-out.js';
import { type SqliteContext } from './sqlite-context.js';
import { statusTime, TASK_COLUMNS, type TaskRow, toStoredTask } from './task-row.js';
import { taskText } from './task-text.js';

interface EventRow {
  seq: number;
  event: string;
  timestamp: string;
}

/**
 * The event log of the SQLite store. `create` and `append` each run in one immediate
 * transaction: read the snapshot, run the reducer, insert the event with the next sequence
 * number, store the new snapshot and its full-text row. The reducer throwing rolls it all back.
 * Listeners run after the commit, before the returned promise resolves.
 */
export class SqliteEventLog implements EventLog {
  readonly #context: SqliteContext;
  readonly #fanOut: EventFanOut;
  readonly #createTransaction;
  readonly #appendTransaction;

  constructor(context: SqliteContext, fanOut: EventFanOut) {
    this.#context = context;
    this.#fanOut = fanOut;
    this.#createTransaction = context.db.transaction(this.#create.bind(this));
    this.#appendTransaction = context.db.transaction(this.#append.bind(this));
  }

  async create(ownership: TaskOwnership, task: Task): Promise<AppendResult> {
    // Immediate: take the write lock first, so another process cannot slip in between read and write.
    const result = this.#createTransaction.immediate(ownership, task);
    this.#fanOut.publish(result.record);
    return structuredClone(result);
  }

  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    const result = this.#appendTransaction.immediate(taskId, event, reduce);
    this.#fanOut.publish(result.record);
    return structuredClone(result);
  }

  async read(taskId: string, afterSeq: number, limit?: number): Promise<TaskEventRecord[]> {
    const max = Math.max(0, Math.floor(limit ?? this.#context.readLimit));
    const rows = this.#context
      .statement(
        'SELECT seq, event, timestamp FROM task_events WHERE task_id = ? AND seq > ? ' +
          'ORDER BY seq LIMIT ?',
      )
      .all(taskId, afterSeq, max) as EventRow[];
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

  #create(ownership: TaskOwnership, task: Task): AppendResult {
    const timestamp = this.#context.timestamp();
    const snapshot = JSON.stringify(task);
    const inserted = this.#context
      .statement(
        'INSERT INTO tasks (id, tenant, owner, context_id, state, status_timestamp, created_at, ' +
          'updated_at, seq, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (id) DO NOTHING',
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
    const eventJson = JSON.stringify({ task });
    this.#insertEvent(task.id, 1, eventJson, timestamp);
    this.#index(Number(inserted.lastInsertRowid), '', taskText(task));
    const stored: StoredTask = {
      task: JSON.parse(snapshot) as Task,
      tenant: ownership.tenant,
      owner: ownership.owner,
      seq: 1,
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    const record = { taskId: task.id, seq: 1, event: JSON.parse(eventJson), timestamp };
    return { record, task: stored };
  }

  #append(taskId: string, event: StreamResponse, reduce: TaskReducer): AppendResult {
    const row = this.#context
      .statement(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`)
      .get(taskId) as TaskRow | undefined;
    if (!row) throw new TaskNotFoundError(undefined, { metadata: { taskId } });
    // Serialized before the reducer runs, so a reducer that edits the event cannot change the log.
    const eventJson = JSON.stringify(event);
    const current = toStoredTask(row);
    const before = taskText(current.task);
    const next = reduce(current, event);
    if (next.id !== taskId) {
      throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
    }
    const timestamp = this.#context.timestamp();
    const seq = row.seq + 1;
    this.#insertEvent(taskId, seq, eventJson, timestamp);
    const snapshot = JSON.stringify(next);
    this.#context
      .statement(
        'UPDATE tasks SET context_id = ?, state = ?, status_timestamp = ?, updated_at = ?, ' +
          'seq = ?, snapshot = ? WHERE rid = ?',
      )
      .run(
        next.contextId ?? null,
        next.status.state,
        statusTime(next, timestamp),
        timestamp,
        seq,
        snapshot,
        row.rid,
      );
    this.#index(row.rid, before, taskText(next));
    const stored: StoredTask = {
      task: JSON.parse(snapshot) as Task,
      tenant: row.tenant,
      owner: row.owner,
      seq,
      createdAt: row.created_at,
      updatedAt: timestamp,
    };
    return { record: { taskId, seq, event: JSON.parse(eventJson), timestamp }, task: stored };
  }

  #insertEvent(taskId: string, seq: number, event: string, timestamp: string): void {
    this.#context
      .statement('INSERT INTO task_events (task_id, seq, event, timestamp) VALUES (?, ?, ?, ?)')
      .run(taskId, seq, event, timestamp);
  }

  /** Keeps the task's full-text row in step with its snapshot; unchanged text costs nothing. */
  #index(rid: number, before: string, after: string): void {
    if (before === after) return;
    if (before !== '') {
      this.#context.statement('DELETE FROM task_text WHERE rowid = ?').run(rid);
    }
    if (after !== '') {
      this.#context.statement('INSERT INTO task_text (rowid, body) VALUES (?, ?)').run(rid, after);
    }
  }
}
