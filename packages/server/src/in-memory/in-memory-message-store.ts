import { type Message } from '@baton/protocol';

import { cloneJson } from '../clone-json.js';
import { type MessageStore, type StoredMessage } from '../message-store.js';
import { type TaskOwnership, type TaskScope } from '../task-scope.js';
import { contextKey, type InMemoryMessageEntry, InMemoryState } from './in-memory-state.js';

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
    const context = this.#state.contexts.get(key);
    const entry: InMemoryMessageEntry = {
      owner: ownership.owner,
      message: cloneJson(message),
      taskId: message.taskId,
      position: (context?.lastPosition ?? 0) + 1,
      timestamp: this.#state.timestamp(),
    };
    if (context) {
      context.lastPosition = entry.position;
      context.messages.push(entry);
    } else {
      // Sized for its one message: most conversations have one or two.
      this.#state.contexts.set(key, { lastPosition: entry.position, messages: [entry] });
    }
    // A copy made now, not when first read: an object literal with accessors is built by the
    // runtime, with a closure per accessor, and cost ≈ 3× the time and memory of this small copy.
    return {
      message: cloneJson(entry.message),
      contextId,
      taskId: entry.taskId,
      position: entry.position,
      timestamp: entry.timestamp,
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
    for (const { owner, message, taskId, position, timestamp } of context?.messages ?? []) {
      if (found.length >= limit) break;
      if (position > afterPosition && (scope.owner === undefined || scope.owner === owner)) {
        found.push({ message: cloneJson(message), contextId, taskId, position, timestamp });
      }
    }
    return found;
  }
}
