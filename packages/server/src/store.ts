import { type EventLog } from './event-log.js';
import { type MessageStore } from './message-store.js';
import { type PushConfigStore } from './push-config-store.js';
import { type TaskStore } from './task-store.js';

/**
 * Everything Baton keeps: one object per interface. A store package returns one of these
 * (`createInMemoryStore()`, `createSqliteStore(…)`, `createPostgresStore(…)`), and every one of
 * them passes the conformance suite of `@baton/test-utils`.
 */
export interface BatonStore {
  tasks: TaskStore;
  events: EventLog;
  messages: MessageStore;
  pushConfigs: PushConfigStore;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
