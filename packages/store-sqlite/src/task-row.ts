import { type Task } from '@baton/protocol';
import { type StoredTask } from '@baton/server';

/** The columns of a `tasks` row that a read returns. */
export interface TaskRow {
  rid: number;
  tenant: string;
  owner: string;
  seq: number;
  created_at: string;
  updated_at: string;
  snapshot: string;
}

/** The column list matching {@link TaskRow}. */
export const TASK_COLUMNS = 'rid, tenant, owner, seq, created_at, updated_at, snapshot';

/** A row as the `StoredTask` the contracts speak of. */
export function toStoredTask(row: TaskRow): StoredTask {
  return {
    task: JSON.parse(row.snapshot) as Task,
    tenant: row.tenant,
    owner: row.owner,
    seq: row.seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The status time a listing sorts and filters on (epoch ms): `task.status.timestamp`, or the time
 * the store last changed the task when the status carries none (or an unparsable one).
 */
export function statusTime(task: Task, updatedAt: string): number {
  const status = Date.parse(task.status.timestamp ?? '');
  return Number.isNaN(status) ? Date.parse(updatedAt) : status;
}
