import { type Message, nowTimestamp, type StreamResponse } from '@baton/protocol';

import { type StoredPushConfig } from '../push-config-store.js';
import { type TaskEventRecord } from '../task-event.js';
import { type TaskScope } from '../task-scope.js';
import { type StoredTask } from '../task-store.js';

/** Options of {@link InMemoryState} and `createInMemoryStore`. */
export interface InMemoryStoreOptions {
  /**
   * The clock behind every stored timestamp (`createdAt`, `updatedAt`, event and message times).
   * @default () => new Date()
   */
  now?: (() => Date) | undefined;
  /**
   * Called when an event-log listener throws; the listener has already been removed.
   * @default ignores the error
   */
  onListenerError?: ((error: unknown, record: TaskEventRecord) => void) | undefined;
}

/**
 * One task's row: its snapshot and its whole event log, flat (see {@link logEvent}). Every task
 * stays in memory until purged, so each object it holds counts: records are made when read, and a
 * terminal task's log array is trimmed to its length.
 */
export interface InMemoryTaskEntry {
  stored: StoredTask;
  /** Event, timestamp, event, timestamp…: the event at index `2 * i` has seq `i + 1`. */
  log: (StreamResponse | string)[];
  /** Records waiting for delivery while a delivery loop for this task runs. */
  outbox: TaskEventRecord[] | undefined;
}

/** Adds a stored record (the task's next seq) to a task's log. */
export function logEvent(entry: InMemoryTaskEntry, record: TaskEventRecord): void {
  entry.log.push(record.event, record.timestamp);
}

/**
 * A message with the owner it was stored under, flat (its `StoredMessage` is made when read); its
 * context id is its context's.
 */
export interface InMemoryMessageEntry {
  owner: string;
  message: Message;
  taskId: string | undefined;
  position: number;
  timestamp: string;
}

/** One conversation of one tenant: its messages in position order. */
export interface InMemoryContext {
  lastPosition: number;
  messages: InMemoryMessageEntry[];
}

/** A push config with its creation rank, the key of "oldest first" paging. */
export interface InMemoryPushConfigEntry {
  config: StoredPushConfig;
  rank: number;
}

/** A live `EventLog.subscribe` registration. */
export interface InMemorySubscription {
  listener: (record: TaskEventRecord) => void;
  /** The task's seq when the listener subscribed: it only sees later events. */
  afterSeq: number;
  active: boolean;
  /** The listener never edits its records: it gets the stored one, not a copy. */
  readsOnly: boolean;
}

/**
 * The tables every in-memory store object shares, so that `EventLog`, `TaskStore`,
 * `MessageStore` and `PushConfigStore` see one consistent state. Everything lives until `purge`
 * or `clear` removes it: task snapshots with their full event logs, every message of every
 * context (direct replies included, until their context expires without a task), and push
 * configs.
 */
export class InMemoryState {
  /** Tasks by id; ids are unique across tenants. */
  readonly tasks = new Map<string, InMemoryTaskEntry>();
  /** Conversations by {@link contextKey}. */
  readonly contexts = new Map<string, InMemoryContext>();
  /** Push configs by task id, then config id, in creation order. */
  readonly pushConfigs = new Map<string, Map<string, InMemoryPushConfigEntry>>();
  /** Live listeners by task id; a task's entry goes away with its last listener. */
  readonly subscriptions = new Map<string, Set<InMemorySubscription>>();
  readonly options: InMemoryStoreOptions;
  #pushConfigRank = 0;

  constructor(options: InMemoryStoreOptions = {}) {
    this.options = options;
  }

  /** The current time as an ISO 8601 UTC string. */
  timestamp(): string {
    const { now } = this.options;
    return now ? now().toISOString() : nowTimestamp();
  }

  /** The next push config creation rank. */
  nextPushConfigRank(): number {
    return ++this.#pushConfigRank;
  }

  /** Drops one listener; harmless when it is already gone. */
  removeSubscription(taskId: string, subscription: InMemorySubscription): void {
    subscription.active = false;
    const set = this.subscriptions.get(taskId);
    if (!set) return;
    set.delete(subscription);
    if (set.size === 0) this.subscriptions.delete(taskId);
  }

  /** Empties every table and drops every listener. */
  clear(): void {
    for (const set of this.subscriptions.values()) {
      for (const subscription of set) subscription.active = false;
    }
    this.subscriptions.clear();
    this.tasks.clear();
    this.contexts.clear();
    this.pushConfigs.clear();
  }
}

/** The key of a conversation: contexts are per tenant. */
export function contextKey(tenant: string, contextId: string): string {
  // The tenant's length first keeps the key unambiguous whatever characters both contain.
  return `${tenant.length}:${tenant}${contextId}`;
}

/** Whether a stored row of `tenant` and `owner` is visible in `scope`. */
export function inScope(scope: TaskScope, tenant: string, owner: string): boolean {
  return tenant === scope.tenant && (scope.owner === undefined || scope.owner === owner);
}
