import { type StreamResponse, type Task } from '@baton/protocol';

import { type TaskEventRecord } from './task-event.js';
import { type TaskOwnership } from './task-scope.js';
import { type StoredTask } from './task-store.js';

/**
 * Computes a task's next snapshot from the stored one and an event. It may throw (an A2A error)
 * to refuse the event, e.g. after a terminal state; the store then writes nothing.
 */
export type TaskReducer = (current: StoredTask, event: StreamResponse) => Task;

/** What `append` wrote. */
export interface AppendResult {
  record: TaskEventRecord;
  /** The new snapshot (the reducer's result) as stored. */
  task: StoredTask;
}

/** Options of {@link EventLog.subscribe}. */
export interface SubscribeOptions {
  /**
   * The listener never changes the records it gets, so a store that copies each record for each
   * listener may hand it a shared one instead.
   * @default false
   */
  readsOnly?: boolean | undefined;
}

/** Options of {@link EventLog.read}. */
export interface ReadOptions {
  /**
   * The caller never changes the records it gets, so a store that keeps its events as objects may
   * hand out its own instead of copies.
   * @default false
   */
  readsOnly?: boolean | undefined;
}

/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * The ordered, durable log of every task's events, and the live fan-out of new ones. Appending an
 * event and storing the new snapshot happen atomically.
 */
export interface EventLog {
  /**
   * Creates a task: stores its snapshot and logs it as event 1 (`{ task }`). Task ids are unique
   * across tenants; creating an existing id throws `InvalidParamsError` and changes nothing.
   */
  create(ownership: TaskOwnership, task: Task): Promise<AppendResult>;
  /**
   * Appends an event to an existing task's log and stores the snapshot `reduce` computes from the
   * current one, in one transaction. Sequence numbers stay gap-free under concurrent writers.
   * Throws `TaskNotFoundError` when the task does not exist.
   */
  append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult>;
  /**
   * Events of a task with `seq > afterSeq`, in order, at most `limit` of them. Without a `limit`
   * a store may still cap the answer (SQLite: 1,000), so callers that need everything page until a
   * read comes back empty.
   */
  read(
    taskId: string,
    afterSeq: number,
    limit?: number,
    options?: ReadOptions,
  ): Promise<TaskEventRecord[]>;
  /**
   * Calls `listener` with every event appended to the task after this call, in order, once the
   * event is durable. Listeners must not throw; a throwing listener is removed. Delivery may
   * happen before or after `append` resolves (in-memory: before; SQL stores: after commit), so
   * callers must not rely on either.
   */
  subscribe(
    taskId: string,
    listener: (record: TaskEventRecord) => void,
    options?: SubscribeOptions,
  ): Unsubscribe;
}
