import { InvalidParamsError } from '@baton/protocol';
import {
  type StoredTask,
  type TaskListPage,
  type TaskListQuery,
  type TaskScope,
  type TaskStore,
} from '@baton/server';

import { purgeConversations } from './conversation-purge.js';
import { TERMINAL_STATES_SQL } from './migrations.js';
import { inTransaction, type PostgresContext } from './postgres-context.js';
import { storedTaskFromRow, TASK_COLUMNS, type TaskRow } from './rows.js';
import { taskListSql, taskPageToken } from './task-list-query.js';

/**
 * Task snapshots of the PostgreSQL store. Every query carries the tenant, and the owner unless
 * the scope covers all owners. `list` pages by keyset (status time descending, then id) on the
 * listing indexes, never by OFFSET, and counts `totalSize` with the same filters in parallel.
 * `text` finds tasks whose history, status message or artifacts contain it, ignoring case (as the
 * in-memory store does), through a pg_trgm index on the lower-cased search text. `purge` deletes
 * expired tasks in one transaction, then expired conversations left without a task in small ones
 * (see `purgeConversations`).
 */
export class PostgresTaskStore implements TaskStore {
  readonly supportsTextSearch = true;
  readonly #ctx: PostgresContext;

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  async get(scope: TaskScope, taskId: string): Promise<StoredTask | undefined> {
    const params: unknown[] = [taskId, scope.tenant];
    let sql = `SELECT ${TASK_COLUMNS} FROM ${this.#ctx.tables.tasks} WHERE id = $1 AND tenant = $2`;
    if (scope.owner !== undefined) {
      params.push(scope.owner);
      sql += ' AND owner = $3';
    }
    const { rows } = await this.#ctx.pool.query<TaskRow>(sql, params);
    return rows[0] && storedTaskFromRow(rows[0]);
  }

  async list(scope: TaskScope, query: TaskListQuery): Promise<TaskListPage> {
    const { tasks } = this.#ctx.tables;
    const sql = taskListSql(scope, query);
    const limit = sql.params.length + 1;
    const [page, count] = await Promise.all([
      this.#ctx.pool.query<TaskRow & { id: string; status_ms: number }>(
        `SELECT id, ${TASK_COLUMNS},
           round(extract(epoch FROM status_timestamp) * 1000)::float8 AS status_ms
         FROM ${tasks} WHERE ${sql.page}
         ORDER BY status_timestamp DESC, id ASC LIMIT $${limit}`,
        [...sql.params, query.pageSize + 1],
      ),
      this.#ctx.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM ${tasks} WHERE ${sql.filters}`,
        sql.params.slice(0, sql.filterParamCount),
      ),
    ]);
    const rows = page.rows.slice(0, query.pageSize);
    const last = rows.at(-1);
    return {
      tasks: rows.map(storedTaskFromRow),
      nextPageToken:
        last && page.rows.length > query.pageSize ? taskPageToken(last.status_ms, last.id) : '',
      totalSize: Number(count.rows[0]?.total ?? 0),
    };
  }

  async listUnfinished(limit: number): Promise<StoredTask[]> {
    const { rows } = await this.#ctx.pool.query<TaskRow>(
      `SELECT ${TASK_COLUMNS} FROM ${this.#ctx.tables.tasks}
       WHERE state NOT IN ${TERMINAL_STATES_SQL}
       ORDER BY created_at, id LIMIT $1`,
      [Math.max(0, Math.floor(limit))],
    );
    return rows.map(storedTaskFromRow);
  }

  async purge(before: string): Promise<number> {
    const cutoff = Date.parse(before);
    if (Number.isNaN(cutoff)) throw new InvalidParamsError(`purge: ${before} is not a timestamp`);
    const { tables, hub } = this.#ctx;
    const { count, watched } = await inTransaction(this.#ctx.pool, async (client) => {
      const { rows } = await client.query<{
        count: string;
        watched: string[] | null;
        contexts: [string, string][] | null;
      }>(
        `WITH doomed AS (
          DELETE FROM ${tables.tasks}
          WHERE state IN ${TERMINAL_STATES_SQL} AND updated_at < to_timestamp($1::float8 / 1000)
          RETURNING id
        ), events AS (
          DELETE FROM ${tables.taskEvents} e USING doomed d WHERE e.task_id = d.id
        ), configs AS (
          DELETE FROM ${tables.pushConfigs} p USING doomed d WHERE p.task_id = d.id
        ), messages AS (
          DELETE FROM ${tables.messages} m USING doomed d WHERE m.task_id = d.id
          RETURNING m.tenant, m.context_id
        )
        SELECT (SELECT count(*) FROM doomed) AS count,
          (SELECT array_agg(id) FROM doomed WHERE id = ANY($2::text[])) AS watched,
          (SELECT json_agg(DISTINCT jsonb_build_array(tenant, context_id)) FROM messages)
            AS contexts`,
        [cutoff, hub.subscribedTaskIds()],
      );
      const result = rows[0];
      if (result?.contexts)
        await dropEmptyContexts(client, tables.contexts, tables.messages, result.contexts);
      return { count: Number(result?.count ?? 0), watched: result?.watched ?? [] };
    });
    hub.forget(watched);
    await purgeConversations(this.#ctx, before);
    return count;
  }
}

/**
 * Deletes the position counters of contexts whose last message went with the purge, so a
 * context's positions start again from 1, as in the in-memory store. The counters are locked
 * first, so a message appended meanwhile either commits before (and is seen) or waits.
 */
async function dropEmptyContexts(
  client: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  contexts: string,
  messages: string,
  keys: [string, string][],
): Promise<void> {
  const params = [keys.map((key) => key[0]), keys.map((key) => key[1])];
  const targets = `SELECT * FROM unnest($1::text[], $2::text[]) AS k(tenant, context_id)`;
  await client.query(
    `SELECT 1 FROM ${contexts} c JOIN (${targets}) k USING (tenant, context_id)
     ORDER BY c.tenant, c.context_id FOR UPDATE OF c`,
    params,
  );
  await client.query(
    `DELETE FROM ${contexts} c USING (${targets}) k
     WHERE c.tenant = k.tenant AND c.context_id = k.context_id
       AND NOT EXISTS (SELECT 1 FROM ${messages} m
         WHERE m.tenant = c.tenant AND m.context_id = c.context_id)`,
    params,
  );
}
