import { type Message } from '@baton/protocol';
import {
  type MessageStore,
  type StoredMessage,
  type TaskOwnership,
  type TaskScope,
} from '@baton/server';

import { type PostgresContext } from './postgres-context.js';

interface MessageRow {
  message: Message;
  context_id: string;
  task_id: string | null;
  position: number;
  ts: Date;
}

/**
 * Conversations of the PostgreSQL store. A context belongs to a tenant; a counter row per
 * context hands out positions with one atomic upsert, so concurrent appends (from any process)
 * get gap-free, unique positions. A caller scoped to one owner sees only that owner's messages.
 */
export class PostgresMessageStore implements MessageStore {
  readonly #ctx: PostgresContext;

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  async append(
    ownership: TaskOwnership,
    contextId: string,
    message: Message,
  ): Promise<StoredMessage> {
    const { contexts, messages } = this.#ctx.tables;
    const timestamp = this.#ctx.now().toISOString();
    const json = JSON.stringify(message);
    const { rows } = await this.#ctx.pool.query<{ position: number }>(
      `WITH counter AS (
        INSERT INTO ${contexts} AS c (tenant, context_id, last_position) VALUES ($1, $2, 1)
        ON CONFLICT (tenant, context_id) DO UPDATE SET last_position = c.last_position + 1
        RETURNING last_position
      )
      INSERT INTO ${messages} (tenant, context_id, position, owner, task_id, message, ts)
      SELECT $1, $2, last_position, $3, $4, $5, $6 FROM counter
      RETURNING position`,
      [ownership.tenant, contextId, ownership.owner, message.taskId ?? null, json, timestamp],
    );
    return {
      message: JSON.parse(json),
      contextId,
      taskId: message.taskId,
      position: rows[0]!.position,
      timestamp,
    };
  }

  async list(
    scope: TaskScope,
    contextId: string,
    options: { afterPosition?: number; limit?: number } = {},
  ): Promise<StoredMessage[]> {
    const { afterPosition = 0, limit } = options;
    const params: unknown[] = [
      scope.tenant,
      contextId,
      Number.isFinite(afterPosition) ? Math.floor(afterPosition) : 0,
      limit === undefined || !Number.isFinite(limit) ? null : Math.max(0, Math.floor(limit)),
    ];
    let owner = '';
    if (scope.owner !== undefined) {
      params.push(scope.owner);
      owner = 'AND owner = $5';
    }
    const { rows } = await this.#ctx.pool.query<MessageRow>(
      `SELECT message, context_id, task_id, position, ts FROM ${this.#ctx.tables.messages}
       WHERE tenant = $1 AND context_id = $2 AND position > $3 ${owner}
       ORDER BY position LIMIT $4`,
      params,
    );
    return rows.map((row) => ({
      message: row.message,
      contextId: row.context_id,
      taskId: row.task_id ?? undefined,
      position: row.position,
      timestamp: row.ts.toISOString(),
    }));
  }
}
