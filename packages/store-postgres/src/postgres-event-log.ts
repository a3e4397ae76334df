import {
  InternalError,
  InvalidParamsError,
  isTerminalState,
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

import { notificationPayload } from './notification-listener.js';
import { hasSqlState, inTransaction, type PostgresContext } from './postgres-context.js';
import {
  type EventRow,
  fromEpochMs,
  recordFromRow,
  statusTimeMs,
  storedTaskFromRow,
  TASK_COLUMNS,
  type TaskRow,
} from './rows.js';
import { taskSearchText } from './task-text.js';

/** NOTIFY payloads are capped at 8000 bytes; task ids longer than this are not announced. */
const MAX_NOTIFY_TASK_ID = 7000;

/** How many rows a store remembers for appends without a read; the oldest are forgotten. */
const MAX_KNOWN_ROWS = 10_000;
/** Snapshots longer than this (UTF-16 units) are not remembered: their appends read the row. */
const MAX_KNOWN_SNAPSHOT = 64 * 1024;
/** The remembered snapshots' total length past which the oldest are forgotten. */
const MAX_KNOWN_TOTAL = 32 * 1024 * 1024;

/** A task row as this store last wrote it: enough to run the reducer without reading it. */
interface KnownRow {
  /** The snapshot as stored (JSON), parsed again for each use: callers never share it. */
  snapshot: string;
  tenant: string;
  owner: string;
  seq: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The event log of the PostgreSQL store. `append` writes with one conditional statement when the
 * store wrote the task's row last, and otherwise runs one transaction: `SELECT … FOR UPDATE` on
 * the task row, the reducer on that snapshot, the event inserted with the next seq, the snapshot,
 * state, status time and search text updated, COMMIT. The row lock serializes writers of one
 * task across every process on the database, so sequence numbers are gap-free and unique; a
 * reducer that throws writes nothing. `subscribe` is the in-process fan-out of
 * `EventHub`: after COMMIT, in seq order, filling gaps from the log; with `listen: true` it also
 * carries other processes' appends (LISTEN/NOTIFY).
 */
export class PostgresEventLog implements EventLog {
  readonly #ctx: PostgresContext;
  /** The rows this store wrote last, by task id, for appends without a read (see `append`). */
  readonly #known = new Map<string, KnownRow>();
  /** The total length of the remembered snapshots. */
  #knownLength = 0;
  /** Appends under way in this store, by task id: while one runs, its row may be changing. */
  readonly #inflight = new Map<string, number>();

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  async create(ownership: TaskOwnership, task: Task): Promise<AppendResult> {
    const { tables, hub } = this.#ctx;
    const timestamp = this.#ctx.now().toISOString();
    const snapshot = JSON.stringify(task);
    const event = JSON.stringify({ task });
    const params: unknown[] = [
      task.id,
      ownership.tenant,
      ownership.owner,
      task.contextId ?? null,
      task.status.state,
      statusTimeMs(task),
      timestamp,
      snapshot,
      taskSearchText(task),
      event,
      this.#ctx.instanceId,
    ];
    const notify = this.#notifySql(task.id, 1, params);
    hub.reserve(task.id, 1);
    try {
      await this.#ctx.pool.query(
        `WITH task AS (
          INSERT INTO ${tables.tasks} (id, tenant, owner, context_id, state, status_timestamp,
            created_at, updated_at, seq, snapshot, search_text, runner)
          VALUES ($1, $2, $3, $4, $5, COALESCE(${fromEpochMs('$6')}, $7::timestamptz), $7, $7, 1,
            $8, $9, $11)
        ), event AS (
          INSERT INTO ${tables.taskEvents} (task_id, seq, event, ts) VALUES ($1, 1, $10, $7)
        )
        SELECT ${notify}`,
        params,
      );
    } catch (error) {
      hub.abandon(task.id, 1);
      if (hasSqlState(error, '23505')) {
        throw new InvalidParamsError(`a task with id ${task.id} already exists`, {
          cause: error,
          metadata: { taskId: task.id },
        });
      }
      throw error;
    }
    const record: TaskEventRecord = {
      taskId: task.id,
      seq: 1,
      event: JSON.parse(event),
      timestamp,
    };
    const stored: StoredTask = {
      task: JSON.parse(snapshot),
      tenant: ownership.tenant,
      owner: ownership.owner,
      seq: 1,
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    this.#remember(
      task.id,
      {
        snapshot,
        tenant: ownership.tenant,
        owner: ownership.owner,
        seq: 1,
        createdAt: timestamp,
        updatedAt: timestamp,
      },
      task,
    );
    hub.publish(record);
    return { record: structuredClone(record), task: stored };
  }

  /**
   * Appends an event. When this store wrote the task's row last and no other append of it is
   * under way here, the reducer runs on that row and one statement writes the event and the
   * snapshot on condition that the row's seq is still the one it wrote: no transaction, no read.
   * When the row moved on (another process wrote it, or a purge removed it), or the reducer
   * refuses that state, the append runs as a transaction on the locked row instead.
   */
  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    // Serialized before the reducer runs: what is logged is what the caller passed.
    const eventJson = JSON.stringify(event);
    const inflight = this.#inflight.get(taskId) ?? 0;
    const known = inflight === 0 ? this.#known.get(taskId) : undefined;
    this.#inflight.set(taskId, inflight + 1);
    try {
      const fast = known && (await this.#appendKnown(taskId, eventJson, event, reduce, known));
      return fast || (await this.#appendLocked(taskId, eventJson, event, reduce));
    } finally {
      const left = this.#inflight.get(taskId)! - 1;
      if (left === 0) this.#inflight.delete(taskId);
      else this.#inflight.set(taskId, left);
    }
  }

  /** The append without a read; undefined when the row is not as this store wrote it. */
  async #appendKnown(
    taskId: string,
    eventJson: string,
    event: StreamResponse,
    reduce: TaskReducer,
    known: KnownRow,
  ): Promise<AppendResult | undefined> {
    const { tables, hub } = this.#ctx;
    const { tenant, owner, createdAt } = known;
    const current: StoredTask = {
      task: JSON.parse(known.snapshot) as Task,
      tenant,
      owner,
      seq: known.seq,
      createdAt,
      updatedAt: known.updatedAt,
    };
    const previousText = taskSearchText(current.task);
    let next: Task;
    try {
      next = reduce(current, event);
    } catch {
      // Perhaps refused for a state that is no longer current: the locked row decides.
      return undefined;
    }
    if (next.id !== taskId) {
      throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
    }
    const seq = known.seq + 1;
    const write = this.#writeOf(taskId, seq, eventJson, next, previousText);
    write.params.push(known.seq);
    const expected = `$${write.params.length}`;
    hub.reserve(taskId, seq);
    let written: boolean;
    try {
      const { rowCount } = await this.#ctx.pool.query(
        `WITH task AS (
          UPDATE ${tables.tasks} SET ${write.set} WHERE id = $1 AND seq = ${expected}
          RETURNING id
        ), event AS (
          INSERT INTO ${tables.taskEvents} (task_id, seq, event, ts) SELECT $1, $2, $3, $4 FROM task
        )
        SELECT ${write.notify} FROM task`,
        write.params,
      );
      written = rowCount === 1;
    } catch (error) {
      hub.abandon(taskId, seq);
      this.#forget(taskId);
      throw error;
    }
    if (!written) {
      hub.abandon(taskId, seq);
      this.#forget(taskId);
      return undefined;
    }
    const updatedAt = write.timestamp;
    this.#remember(taskId, { ...known, snapshot: write.snapshot, seq, updatedAt }, next);
    const record: TaskEventRecord = {
      taskId,
      seq,
      event: JSON.parse(eventJson),
      timestamp: updatedAt,
    };
    const task: StoredTask = {
      task: JSON.parse(write.snapshot) as Task,
      tenant,
      owner,
      seq,
      createdAt,
      updatedAt,
    };
    hub.publish(record);
    return { record: structuredClone(record), task };
  }

  /** The append as one transaction on the locked row. */
  async #appendLocked(
    taskId: string,
    eventJson: string,
    event: StreamResponse,
    reduce: TaskReducer,
  ): Promise<AppendResult> {
    const { tables, hub } = this.#ctx;
    let reserved: number | undefined;
    let result: AppendResult;
    let snapshot = '';
    let finished: Task | undefined;
    try {
      result = await inTransaction(this.#ctx.pool, async (client) => {
        const { rows } = await client.query<TaskRow>(
          `SELECT ${TASK_COLUMNS} FROM ${tables.tasks} WHERE id = $1 FOR UPDATE`,
          [taskId],
        );
        const row = rows[0];
        if (!row) throw new TaskNotFoundError(undefined, { metadata: { taskId } });
        const current = storedTaskFromRow(row);
        const previousText = taskSearchText(current.task);
        const next = reduce(current, event);
        if (next.id !== taskId) {
          throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
        }
        const seq = row.seq + 1;
        const write = this.#writeOf(taskId, seq, eventJson, next, previousText);
        hub.reserve(taskId, (reserved = seq));
        await client.query(
          `WITH event AS (
            INSERT INTO ${tables.taskEvents} (task_id, seq, event, ts) VALUES ($1, $2, $3, $4)
          )
          UPDATE ${tables.tasks} SET ${write.set} WHERE id = $1
          RETURNING ${write.notify}`,
          write.params,
        );
        snapshot = write.snapshot;
        finished = next;
        const record: TaskEventRecord = {
          taskId,
          seq,
          event: JSON.parse(eventJson),
          timestamp: write.timestamp,
        };
        // From the row, not from `current`: the reducer may have scribbled on its input.
        const task: StoredTask = {
          ...storedTaskFromRow({ ...row, snapshot: JSON.parse(snapshot) }),
          seq,
          updatedAt: write.timestamp,
        };
        return { record, task };
      });
    } catch (error) {
      if (reserved !== undefined) hub.abandon(taskId, reserved);
      this.#forget(taskId);
      throw error;
    }
    const { task } = result;
    this.#remember(
      taskId,
      {
        snapshot,
        tenant: task.tenant,
        owner: task.owner,
        seq: task.seq,
        createdAt: task.createdAt,
        updatedAt: task.updatedAt,
      },
      finished,
    );
    hub.publish(result.record);
    return { record: structuredClone(result.record), task: result.task };
  }

  /** The parameters and SET list of an append of `next` as `seq` ($1 … $10, then NOTIFY's). */
  #writeOf(taskId: string, seq: number, eventJson: string, next: Task, previousText: string) {
    const timestamp = this.#ctx.now().toISOString();
    const snapshot = JSON.stringify(next);
    const text = taskSearchText(next);
    const params: unknown[] = [
      taskId,
      seq,
      eventJson,
      timestamp,
      snapshot,
      next.contextId ?? null,
      next.status.state,
      statusTimeMs(next),
      text === previousText ? null : text,
      this.#ctx.instanceId,
    ];
    const notify = this.#notifySql(taskId, seq, params);
    const set = `seq = $2, snapshot = $5, context_id = $6, state = $7,
      status_timestamp = COALESCE(${fromEpochMs('$8')}, $4::timestamptz), updated_at = $4,
      search_text = COALESCE($9, search_text), runner = $10`;
    return { params, notify, set, snapshot, timestamp };
  }

  /**
   * Remembers the row this store just wrote, unless an append of a later seq was remembered
   * first; a finished task is forgotten (nothing appends to it any more), a large snapshot is not
   * kept, and the oldest rows go past {@link MAX_KNOWN_ROWS} or {@link MAX_KNOWN_TOTAL}.
   */
  #remember(taskId: string, row: KnownRow, task?: Task): void {
    const before = this.#known.get(taskId);
    if (before && before.seq >= row.seq) return;
    this.#forget(taskId);
    if (task && isTerminalState(task.status.state)) return;
    if (row.snapshot.length > MAX_KNOWN_SNAPSHOT) return;
    this.#known.set(taskId, row);
    this.#knownLength += row.snapshot.length;
    while (this.#known.size > MAX_KNOWN_ROWS || this.#knownLength > MAX_KNOWN_TOTAL) {
      const oldest = this.#known.keys().next().value;
      if (oldest === undefined) break;
      this.#forget(oldest);
    }
  }

  #forget(taskId: string): void {
    const row = this.#known.get(taskId);
    if (!row) return;
    this.#known.delete(taskId);
    this.#knownLength -= row.snapshot.length;
  }

  async read(taskId: string, afterSeq: number, limit?: number): Promise<TaskEventRecord[]> {
    const after = Number.isFinite(afterSeq) ? Math.floor(afterSeq) : 0;
    const max = limit === undefined ? null : Math.max(0, Math.floor(limit));
    const { rows } = await this.#ctx.pool.query<EventRow>(
      `SELECT task_id, seq, event, ts FROM ${this.#ctx.tables.taskEvents}
       WHERE task_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [taskId, after, max],
    );
    return rows.map(recordFromRow);
  }

  subscribe(taskId: string, listener: (record: TaskEventRecord) => void): Unsubscribe {
    return this.#ctx.hub.subscribe(taskId, listener);
  }

  /** The select-list item that announces the append (adding its parameters), or `1`. */
  #notifySql(taskId: string, seq: number, params: unknown[]): string {
    if (!this.#ctx.notify || taskId.length > MAX_NOTIFY_TASK_ID) return '1';
    params.push(this.#ctx.tables.channel, notificationPayload(taskId, seq, this.#ctx.origin));
    return `pg_notify($${params.length - 1}, $${params.length})`;
  }
}
