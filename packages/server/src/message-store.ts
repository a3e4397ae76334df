import { type Message } from '@baton/protocol';

import { type TaskOwnership, type TaskScope } from './task-scope.js';

/** A message of a conversation as stored, with its position in its context. */
export interface StoredMessage {
  message: Message;
  contextId: string;
  /** The task the message belongs to, if any (direct replies have none). */
  taskId?: string | undefined;
  /** Position within the context, from 1, in the order messages were added. */
  position: number;
  timestamp: string;
}

/**
 * The conversations: every message of each contextId in order, including direct replies that
 * created no task, so an executor can read its context's history. `TaskStore.purge` removes a
 * context's messages with its tasks, or once it has no task and its newest message expires.
 */
export interface MessageStore {
  /** Adds a message at the end of its context. */
  append(ownership: TaskOwnership, contextId: string, message: Message): Promise<StoredMessage>;
  /** Messages of a context after `afterPosition`, oldest first, at most `limit`. */
  list(
    scope: TaskScope,
    contextId: string,
    options?: { afterPosition?: number; limit?: number },
  ): Promise<StoredMessage[]>;
}
