import { type EventLog } from './event-log.js';
import { type InstanceLeases } from './instance-leases.js';
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
  /**
   * Leases of the instances sharing this store, for stores that several processes use at once
   * (PostgreSQL). With them, recovery touches only tasks whose instance is gone, at start-up and
   * then every lease period; without them, recovery takes every unfinished task at start-up.
   */
  leases?: InstanceLeases | undefined;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
