import { type PushConfigStore, type StoredPushConfig } from '@baton/server';

import { decodePageToken, encodePageToken, isObject } from './page-token.js';
import { type PostgresContext } from './postgres-context.js';

/** Where a push config listing stopped: the creation rank of the last config. */
interface PushConfigCursor {
  k: 'push';
  r: number;
}

function isPushConfigCursor(value: unknown): value is PushConfigCursor {
  return isObject(value) && value.k === 'push' && Number.isSafeInteger(value.r);
}

/**
 * Webhook configs of the PostgreSQL store, per task in creation order (an identity column).
 * Replacing a config keeps its place in that order.
 */
export class PostgresPushConfigStore implements PushConfigStore {
  readonly #ctx: PostgresContext;

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  async put(config: StoredPushConfig): Promise<StoredPushConfig> {
    const json = JSON.stringify(config);
    await this.#ctx.pool.query(
      `INSERT INTO ${this.#ctx.tables.pushConfigs} (task_id, id, config) VALUES ($1, $2, $3)
       ON CONFLICT (task_id, id) DO UPDATE SET config = EXCLUDED.config`,
      [config.taskId, config.id, json],
    );
    return JSON.parse(json);
  }

  async get(taskId: string, id: string): Promise<StoredPushConfig | undefined> {
    const { rows } = await this.#ctx.pool.query<{ config: StoredPushConfig }>(
      `SELECT config FROM ${this.#ctx.tables.pushConfigs} WHERE task_id = $1 AND id = $2`,
      [taskId, id],
    );
    return rows[0]?.config;
  }

  async list(
    taskId: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<{ configs: StoredPushConfig[]; nextPageToken: string }> {
    const cursor = options.pageToken
      ? decodePageToken(options.pageToken, isPushConfigCursor)
      : undefined;
    // A page size of 0 (the proto default) or none means every config.
    const pageSize = options.pageSize !== undefined && options.pageSize > 0 ? options.pageSize : 0;
    const { rows } = await this.#ctx.pool.query<{ config: StoredPushConfig; rank: string }>(
      `SELECT config, rank FROM ${this.#ctx.tables.pushConfigs}
       WHERE task_id = $1 AND rank > $2 ORDER BY rank LIMIT $3`,
      [taskId, cursor?.r ?? 0, pageSize > 0 ? Math.floor(pageSize) + 1 : null],
    );
    const page = pageSize > 0 ? rows.slice(0, pageSize) : rows;
    const last = page.at(-1);
    return {
      configs: page.map((row) => row.config),
      nextPageToken:
        last && rows.length > page.length
          ? encodePageToken({ k: 'push', r: Number(last.rank) })
          : '',
    };
  }

  async delete(taskId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.#ctx.pool.query(
      `DELETE FROM ${this.#ctx.tables.pushConfigs} WHERE task_id = $1 AND id = $2`,
      [taskId, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async deleteAll(taskId: string): Promise<void> {
    await this.#ctx.pool.query(`DELETE FROM ${this.#ctx.tables.pushConfigs} WHERE task_id = $1`, [
      taskId,
    ]);
  }
}
