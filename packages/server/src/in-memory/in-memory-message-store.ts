import { type Message } from '@baton/protocol';

import { cloneJson } from '../clone-json.js';
import { type MessageStore, type StoredMessage } from '../message-store.js';
import { type TaskOwnership, type TaskScope } from '../task-scope.js';
import { contextKey, InMemoryState } from './in-memory-state.js';

/**
 * Conversations of the in-memory store. A context belongs to a tenant; its positions count every
 * message of the context, whoever owns it, and a caller scoped to one owner sees only that owner's
 * messages. Messages of purged tasks go with them; a conversation left without a task goes in
 * the purge after its newest message expires (see `InMemoryTaskStore.purge`).
 */
export class InMemoryMessageStore implements MessageStore {
  readonly #state: InMemoryState;

  /** @param state the tables shared with the other in-memory stores; a fresh one by default */
  constructor(state: InMemoryState = new InMemoryState()) {
    this.#state = state;
  }

  async append(
    ownership: TaskOwnership,
    contextId: string,
    message: Message,
  ): Promise<StoredMessage> {
    const key = contextKey(ownership.tenant, contextId);
    let context = this.#state.contexts.get(key);
    if (!context) this.#state.contexts.set(key, (context = { lastPosition: 0, messages: [] }));
    const stored: StoredMessage = {
      message: cloneJson(message),
      contextId,
      taskId: message.taskId,
      position: ++context.lastPosition,
      timestamp: this.#state.timestamp(),
    };
    context.messages.push({ owner: ownership.owner, stored });
    // The message is copied when first read: most callers only want the position.
    let copy: Message | undefined;
    return {
      get message() {
        return (copy ??= cloneJson(stored.message));
      },
      set message(value) {
        copy = value;
      },
      contextId,
      taskId: stored.taskId,
      position: stored.position,
      timestamp: stored.timestamp,
    };
  }

  async list(
    scope: TaskScope,
    contextId: string,
    options: { afterPosition?: number; limit?: number } = {},
  ): Promise<StoredMessage[]> {
    const { afterPosition = 0, limit = Infinity } = options;
    const context = this.#state.contexts.get(contextKey(scope.tenant, contextId));
    const found: StoredMessage[] = [];
    for (const { owner, stored } of context?.messages ?? []) {
      if (found.length >= limit) break;
      if (stored.position > afterPosition && (scope.owner === undefined || scope.owner === owner)) {
        found.push(stored);
      }
    }
    return cloneJson(found);
  }
}
