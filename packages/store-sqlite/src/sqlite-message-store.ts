import { type Message } from '@baton/protocol';
import {
  type MessageStore,
  type StoredMessage,
  type TaskOwnership,
  type TaskScope,
} from '@baton/server';

import { type SqliteContext } from './sqlite-context.js';

interface MessageRow {
  position: number;
  task_id: string | null;
  message: string;
  timestamp: string;
}

/**
 * Conversations of the SQLite store. A context belongs to a tenant; its positions count every
 * message of the context, whoever owns it, from a per-context counter (so a position is never
 * handed out twice), and a caller scoped to one owner sees only that owner's messages.
 */
export class SqliteMessageStore implements MessageStore {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async append(
    ownership: TaskOwnership,
    contextId: string,
    message: Message,
  ): Promise<StoredMessage> {
    // Serialized now, so a caller that edits the message afterwards cannot change what is stored.
    const json = JSON.stringify(message);
    const taskId = message.taskId;
    return this.#context.commits.enqueue(() => this.#append(ownership, contextId, json, taskId));
  }

  async list(
    scope: TaskScope,
    contextId: string,
    options: { afterPosition?: number; limit?: number } = {},
  ): Promise<StoredMessage[]> {
    await this.#context.commits.durable();
    const after = options.afterPosition ?? 0;
    // No limit means the whole conversation, as the contract says (SQLite's LIMIT -1).
    const limit = options.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit));
    const base =
      'SELECT position, task_id, message, timestamp FROM messages WHERE cid = ' +
      '(SELECT cid FROM contexts WHERE tenant = ? AND context_id = ?) AND position > ?';
    const rows = (
      scope.owner === undefined
        ? this.#context
            .statement(`${base} ORDER BY position LIMIT ?`)
            .all(scope.tenant, contextId, after, limit)
        : this.#context
            .statement(`${base} AND owner = ? ORDER BY position LIMIT ?`)
            .all(scope.tenant, contextId, after, scope.owner, limit)
    ) as MessageRow[];
    return rows.map((row) => ({
      message: JSON.parse(row.message) as Message,
      contextId,
      taskId: row.task_id ?? undefined,
      position: row.position,
      timestamp: row.timestamp,
    }));
  }

  #append(
    ownership: TaskOwnership,
    contextId: string,
    json: string,
    taskId: string | undefined,
  ): StoredMessage {
    const { cid, position } = this.#context
      .statement(
        'INSERT INTO contexts (tenant, context_id, last_position) VALUES (?, ?, 1) ' +
          'ON CONFLICT (tenant, context_id) DO UPDATE SET last_position = last_position + 1 ' +
          'RETURNING cid, last_position AS position',
      )
      .get(ownership.tenant, contextId) as { cid: number; position: number };
    const timestamp = this.#context.timestamp();
    this.#context
      .statement(
        'INSERT INTO messages (cid, position, owner, task_id, message, timestamp) ' +
          'VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(cid, position, ownership.owner, taskId ?? null, json, timestamp);
    // The message is parsed when first read: most callers only want the position.
    let copy: Message | undefined;
    return {
      get message() {
        return (copy ??= JSON.parse(json) as Message);
      },
      set message(value) {
        copy = value;
      },
      contextId,
      taskId,
      position,
      timestamp,
    };
  }
}
