import { type PushConfigStore, type StoredPushConfig } from '@baton/server';

import { decodePageToken, encodePageToken, isObject } from './page-token.js';
import { type SqliteContext } from './sqlite-context.js';

/** Where a push config listing stopped: the creation rank of the last config. */
interface PushConfigCursor {
  k: 'push';
  r: number;
}

function isPushConfigCursor(value: unknown): value is PushConfigCursor {
  return isObject(value) && value.k === 'push' && Number.isInteger(value.r);
}

/**
 * Webhook configs of the SQLite store, per task in creation order (an autoincrement rank).
 * Replacing a config keeps its place in that order.
 */
export class SqlitePushConfigStore implements PushConfigStore {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async put(config: StoredPushConfig): Promise<StoredPushConfig> {
    const json = JSON.stringify(config);
    this.#context
      .statement(
        'INSERT INTO push_configs (task_id, id, config) VALUES (?, ?, ?) ' +
          'ON CONFLICT (task_id, id) DO UPDATE SET config = excluded.config',
      )
      .run(config.taskId, config.id, json);
    return JSON.parse(json) as StoredPushConfig;
  }

  async get(taskId: string, id: string): Promise<StoredPushConfig | undefined> {
    const row = this.#context
      .statement('SELECT config FROM push_configs WHERE task_id = ? AND id = ?')
      .get(taskId, id) as { config: string } | undefined;
    return row && (JSON.parse(row.config) as StoredPushConfig);
  }

  async list(
    taskId: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<{ configs: StoredPushConfig[]; nextPageToken: string }> {
    const cursor = options.pageToken
      ? decodePageToken(options.pageToken, isPushConfigCursor)
      : undefined;
    // No page size (or 0, the proto default) means every config: a task has a handful.
    const { pageSize } = options;
    const size = pageSize !== undefined && pageSize > 0 ? pageSize : -1;
    const rows = this.#context
      .statement(
        'SELECT rank, config FROM push_configs WHERE task_id = ? AND rank > ? ' +
          'ORDER BY rank LIMIT ?',
      )
      .all(taskId, cursor?.r ?? 0, size < 0 ? -1 : size + 1) as { rank: number; config: string }[];
    const page = size < 0 ? rows : rows.slice(0, size);
    const last = page.at(-1);
    return {
      configs: page.map((row) => JSON.parse(row.config) as StoredPushConfig),
      nextPageToken:
        last && rows.length > page.length ? encodePageToken({ k: 'push', r: last.rank }) : '',
    };
  }
  async delete(taskId: string, id: string): Promise<boolean> {
    const result = this.#context
      .statement('DELETE FROM push_configs WHERE task_id = ? AND id = ?')
      .run(taskId, id);
    return result.changes > 0;
  }

  async deleteAll(taskId: string): Promise<void> {
    this.#context.statement('DELETE FROM push_configs WHERE task_id = ?').run(taskId);
  }
}
