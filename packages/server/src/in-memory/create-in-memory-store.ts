import { type BatonStore } from '../store.js';
import { InMemoryEventLog } from './in-memory-event-log.js';
import { InMemoryMessageStore } from './in-memory-message-store.js';
import { InMemoryPushConfigStore } from './in-memory-push-config-store.js';
import { InMemoryState, type InMemoryStoreOptions } from './in-memory-state.js';
import { InMemoryTaskStore } from './in-memory-task-store.js';

/**
 * A complete store that lives in this process's memory: tasks, event logs, messages and push
 * configs around one shared state. For tests, examples and single-process agents that may lose
 * their tasks on restart. It keeps everything until `tasks.purge(before)` removes finished tasks
 * (with their events, messages and configs) and expired conversations that have no task left
 * (direct replies), or `close()` empties it.
 * @example
 * const store = createInMemoryStore();
 * const { task } = await store.events.create({ tenant: '', owner: '' }, newTask);
 */
export function createInMemoryStore(options: InMemoryStoreOptions = {}): BatonStore {
  const state = new InMemoryState(options);
  return {
    tasks: new InMemoryTaskStore(state),
    events: new InMemoryEventLog(state),
    messages: new InMemoryMessageStore(state),
    pushConfigs: new InMemoryPushConfigStore(state),
    async close() {
      state.clear();
    },
  };
}
