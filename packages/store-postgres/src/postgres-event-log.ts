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

/**
 * The event log of the PostgreSQL store. `append` runs one transaction: `SELECT … FOR UPDATE` on
 * the task row, the reducer on that snapshot, the event inserted with the next seq, the snapshot,
 * state, status time and search text updated, COMMIT. The row lock serializes writers of one
 * task across every process on the database, so sequence numbers are gap-free and unique; a
 * reducer that throws rolls everything back. `subscribe` is the in-process fan-out of
 * `EventHub`: after COMMIT, in seq order, filling gaps from the log; with `listen: true` it also
 * carries other processes' appends (LISTEN/NOTIFY).
 */
export class PostgresEventLog implements EventLog {
  readonly #ctx: PostgresContext;

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
    hub.publish(record);
    return { record: structuredClone(record), task: stored };
  }

  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    const { tables, hub } = this.#ctx;
    // Serialized before the reducer runs: what is logged is what the caller passed.
    const eventJson = JSON.stringify(event);
    let reserved: number | undefined;
    let result: AppendResult;
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
        hub.reserve(taskId, (reserved = seq));
        await client.query(
          `WITH event AS (
            INSERT INTO ${tables.taskEvents} (task_id, seq, event, ts) VALUES ($1, $2, $3, $4)
          )
          UPDATE ${tables.tasks} SET seq = $2, snapshot = $5, context_id = $6, state = $7,
            status_timestamp = COALESCE(${fromEpochMs('$8')}, $4::timestamptz), updated_at = $4,
            search_text = COALESCE($9, search_text), runner = $10
          WHERE id = $1
          RETURNING ${notify}`,
          params,
        );
        const record: TaskEventRecord = { taskId, seq, event: JSON.parse(eventJson), timestamp };
        // From the row, not from `current`: the reducer may have scribbled on its input.
        const task: StoredTask = {
          ...storedTaskFromRow({ ...row, snapshot: JSON.parse(snapshot) }),
          seq,
          updatedAt: timestamp,
        };
        return { record, task };
      });
    } catch (error) {
      if (reserved !== undefined) hub.abandon(taskId, reserved);
      throw error;
    }
    hub.publish(result.record);
    return { record: structuredClone(result.record), task: result.task };
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
