import { InvalidParamsError } from '@baton/protocol';
import {
  type StoredTask,
  type TaskListPage,
  type TaskListQuery,
  type TaskScope,
  type TaskStore,
} from '@baton/server';

import { purgeConversations } from './conversation-purge.js';
import { type EventFanOut } from './fan-out.js';
import { encodePageToken } from './page-token.js';
import { unindexPurgedTasks } from './search-index.js';
import { type SqliteContext } from './sqlite-context.js';
import { buildTaskFilter, checkPageSize } from './task-query.js';
import { TASK_COLUMNS, type TaskRow, toStoredTask } from './task-row.js';

const TERMINAL = `('TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED')`;

type ListedRow = TaskRow & { id: string; status_timestamp: number };

/**
 * Task snapshots of the SQLite store. Listings are keyset-paged queries on indexes that start
 * with the tenant (and owner), so a page costs the same at any depth; `totalSize` is a `COUNT`
 * with the same filters. `purge` removes tasks with their events, messages, push configs and
 * full-text rows in one transaction, then expired conversations left without a task in small
 * transactions of their own (see `purgeConversations`).
 */
export class SqliteTaskStore implements TaskStore {
  readonly supportsTextSearch = true;
  readonly #context: SqliteContext;
  readonly #fanOut: EventFanOut;

  constructor(context: SqliteContext, fanOut: EventFanOut) {
    this.#context = context;
    this.#fanOut = fanOut;
  }

  async get(scope: TaskScope, taskId: string): Promise<StoredTask | undefined> {
    await this.#context.commits.durable();
    const base = `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ? AND tenant = ?`;
    const row = (
      scope.owner === undefined
        ? this.#context.statement(base).get(taskId, scope.tenant)
        : this.#context.statement(`${base} AND owner = ?`).get(taskId, scope.tenant, scope.owner)
    ) as TaskRow | undefined;
    return row && toStoredTask(row);
  }

  async list(scope: TaskScope, query: TaskListQuery): Promise<TaskListPage> {
    await this.#context.commits.durable();
    checkPageSize(query.pageSize);
    const filter = buildTaskFilter(scope, query);
    const rows = this.#context
      .statement(
        `SELECT ${TASK_COLUMNS}, id, status_timestamp FROM tasks WHERE ${filter.pageWhere} ` +
          'ORDER BY status_timestamp DESC, id LIMIT @limit',
      )
      .all({ ...filter.params, limit: query.pageSize + 1 }) as ListedRow[];
    const page = rows.slice(0, query.pageSize);
    const last = page.at(-1);
    const { total } = this.#context
      .statement(`SELECT COUNT(*) AS total FROM tasks WHERE ${filter.where}`)
      .get(filter.params) as { total: number };
    return {
      tasks: page.map(toStoredTask),
      nextPageToken:
        last && rows.length > query.pageSize
          ? encodePageToken({ k: 'task', t: last.status_timestamp, id: last.id })
          : '',
      totalSize: total,
    };
  }

  async listUnfinished(limit: number): Promise<StoredTask[]> {
    await this.#context.commits.durable();
    const rows = this.#context
      .statement(
        `SELECT ${TASK_COLUMNS} FROM tasks WHERE state NOT IN ${TERMINAL} ` +
          'ORDER BY created_at, id LIMIT ?',
      )
      .all(Math.max(0, Math.floor(limit))) as TaskRow[];
    return rows.map(toStoredTask);
  }

  async purge(before: string): Promise<number> {
    const cutoff = Date.parse(before);
    if (Number.isNaN(cutoff)) throw new InvalidParamsError(`purge: ${before} is not a timestamp`);
    // Through the commit queue: the purge commits after every write queued before it has been
    // acknowledged and published, so a task's last events reach its listeners before it goes.
    const purged = await this.#context.commits.enqueue(
      () => this.#purge(new Date(cutoff).toISOString()),
      { applyStaged: true },
    );
    if (purged > 0) {
      for (const taskId of this.#fanOut.subscribedTasks()) {
        if (!this.#context.statement('SELECT 1 FROM tasks WHERE id = ?').get(taskId)) {
          this.#fanOut.dropTask(taskId);
        }
      }
    }
    await purgeConversations(this.#context, before);
    return purged;
  }

  #purge(before: string): number {
    const run = (sql: string, ...params: unknown[]) => this.#context.statement(sql).run(...params);
    run('DELETE FROM temp.purged');
    const { changes } = run(
      `INSERT INTO temp.purged (id, rid) SELECT id, rid FROM tasks
       WHERE state IN ${TERMINAL} AND updated_at < ?`,
      before,
    );
    if (changes === 0) return 0;
    run('DELETE FROM push_configs WHERE task_id IN (SELECT id FROM temp.purged)');
    run(`INSERT OR IGNORE INTO temp.purged_contexts (cid)
       SELECT cid FROM messages WHERE task_id IN (SELECT id FROM temp.purged)`);
    run('DELETE FROM messages WHERE task_id IN (SELECT id FROM temp.purged)');
    // A context left without messages starts again from position 1, as in the in-memory store.
    run(`DELETE FROM contexts WHERE cid IN (SELECT cid FROM temp.purged_contexts p
       WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.cid = p.cid))`);
    unindexPurgedTasks(this.#context);
    // Events and search rows go with their task (ON DELETE CASCADE).
    run('DELETE FROM tasks WHERE rid IN (SELECT rid FROM temp.purged)');
    run('DELETE FROM temp.purged');
    run('DELETE FROM temp.purged_contexts');
    return changes;
  }
}
