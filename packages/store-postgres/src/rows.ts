import { type StreamResponse, type Task } from '@baton/protocol';
import { type StoredTask, type TaskEventRecord } from '@baton/server';

/** The columns of `tasks` that make a `StoredTask`. */
export interface TaskRow {
  tenant: string;
  owner: string;
  seq: number;
  snapshot: Task;
  created_at: Date;
  updated_at: Date;
}

/** The select list that reads a {@link TaskRow}. */
export const TASK_COLUMNS = 'tenant, owner, seq, snapshot, created_at, updated_at';

/** A `StoredTask` from its row. */
export function storedTaskFromRow(row: TaskRow): StoredTask {
  return {
    task: row.snapshot,
    tenant: row.tenant,
    owner: row.owner,
    seq: row.seq,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The columns of `task_events` that make a `TaskEventRecord`. */
export interface EventRow {
  task_id: string;
  seq: number;
  event: StreamResponse;
  ts: Date;
}

/** A `TaskEventRecord` from its row. */
export function recordFromRow(row: EventRow): TaskEventRecord {
  return { taskId: row.task_id, seq: row.seq, event: row.event, timestamp: row.ts.toISOString() };
}

/**
 * The instant (epoch ms) a listing sorts a task by: its status timestamp, or `null` when it has
 * none or an unparsable one, in which case the SQL falls back to `updated_at`, as the in-memory
 * store does.
 */
export function statusTimeMs(task: Task): number | null {
  const ms = Date.parse(task.status.timestamp ?? '');
  return Number.isNaN(ms) ? null : clampToPostgres(ms);
}

/** The earliest instant a `timestamptz` holds (4713 BC); JavaScript dates reach further back. */
const POSTGRES_MIN_MS = -210_866_803_200_000;

/** `ms` moved into the range of `timestamptz`, so an extreme date sorts first instead of failing. */
export function clampToPostgres(ms: number): number {
  return Math.max(ms, POSTGRES_MIN_MS);
}

/** SQL for a timestamptz from an epoch-ms parameter, exact to the millisecond. */
export function fromEpochMs(param: string): string {
  return `to_timestamp(${param}::float8 / 1000)`;
}
