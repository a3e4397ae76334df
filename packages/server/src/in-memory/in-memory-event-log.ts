import {
  InternalError,
  InvalidParamsError,
  isTerminalState,
  type StreamResponse,
  type Task,
  TaskNotFoundError,
} from '@baton/protocol';

import { cloneJson } from '../clone-json.js';
import {
  type AppendResult,
  type EventLog,
  type ReadOptions,
  type SubscribeOptions,
  type TaskReducer,
  type Unsubscribe,
} from '../event-log.js';
import { isPureReducer } from '../pure-reducer.js';
import { type TaskEventRecord } from '../task-event.js';
import { type TaskOwnership } from '../task-scope.js';
import { type StoredTask } from '../task-store.js';
import {
  InMemoryState,
  type InMemorySubscription,
  type InMemoryTaskEntry,
  logEvent,
} from './in-memory-state.js';

/**
 * What `create` and `append` hand back: copies made when first read (stored values are never
 * changed in place, so a late copy shows the moment of the write), so a caller that reads only
 * part of it does not pay for copying the rest. Both properties can be replaced, like plain ones.
 */
class CopiedOnRead implements AppendResult {
  readonly #record: TaskEventRecord;
  readonly #stored: StoredTask;
  #recordCopy: TaskEventRecord | undefined;
  #taskCopy: StoredTask | undefined;

  constructor(record: TaskEventRecord, stored: StoredTask) {
    this.#record = record;
    this.#stored = stored;
  }

  get record(): TaskEventRecord {
    return (this.#recordCopy ??= cloneJson(this.#record));
  }

  set record(value: TaskEventRecord) {
    this.#recordCopy = value;
  }

  get task(): StoredTask {
    return (this.#taskCopy ??= cloneJson(this.#stored));
  }

  set task(value: StoredTask) {
    this.#taskCopy = value;
  }
}

function copiedOnRead(record: TaskEventRecord, stored: StoredTask): AppendResult {
  return new CopiedOnRead(record, stored);
}

/**
 * The event log of the in-memory store. `create` and `append` do all their work synchronously
 * (the reducer is synchronous too), so JavaScript's run-to-completion makes each one atomic:
 * concurrent appends to one task are serialized in call order with gap-free sequence numbers, and
 * appends to different tasks never wait on each other. Listeners run before `append` resolves.
 */
export class InMemoryEventLog implements EventLog {
  readonly #state: InMemoryState;

  /** @param state the tables shared with the other in-memory stores; a fresh one by default */
  constructor(state: InMemoryState = new InMemoryState()) {
    this.#state = state;
  }

  async create(ownership: TaskOwnership, task: Task): Promise<AppendResult> {
    if (this.#state.tasks.has(task.id)) {
      throw new InvalidParamsError(`a task with id ${task.id} already exists`, {
        metadata: { taskId: task.id },
      });
    }
    const timestamp = this.#state.timestamp();
    // Stored values are this store's own copies, never handed out and never changed in place
    // (every write builds new objects), so the log record and the snapshot may share them.
    const owned = cloneJson(task);
    const record: TaskEventRecord = { taskId: task.id, seq: 1, event: { task: owned }, timestamp };
    const stored: StoredTask = {
      task: owned,
      tenant: ownership.tenant,
      owner: ownership.owner,
      seq: 1,
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    // Sized for its one event: a task that ends at once keeps no spare slots.
    const entry: InMemoryTaskEntry = { stored, log: [record.event, timestamp], outbox: undefined };
    this.#state.tasks.set(task.id, entry);
    this.#publish(entry, record);
    return copiedOnRead(record, stored);
  }

  async append(taskId: string, event: StreamResponse, reduce: TaskReducer): Promise<AppendResult> {
    const entry = this.#state.tasks.get(taskId);
    if (!entry) throw new TaskNotFoundError(undefined, { metadata: { taskId } });
    const logged = cloneJson(event);
    // The reducer gets a copy: if it mutates its input and then throws, the store is untouched
    // (a reducer marked pure changes nothing, so it reads the store's own snapshot). It reads the
    // store's copy of the event, so its result shares only objects the store owns.
    const current = isPureReducer(reduce) ? entry.stored : cloneJson(entry.stored);
    const next = reduce(current, logged);
    if (next.id !== taskId) {
      throw new InternalError(`the reducer changed task id ${taskId} to ${next.id}`);
    }
    const timestamp = this.#state.timestamp();
    const seq = entry.stored.seq + 1;
    const record: TaskEventRecord = { taskId, seq, event: logged, timestamp };
    const wasTerminal = isTerminalState(entry.stored.task.status.state);
    entry.stored = { ...entry.stored, task: next, seq, updatedAt: timestamp };
    logEvent(entry, record);
    // A task that ends stays until purged: its log gives back the slots kept for growth.
    if (!wasTerminal && isTerminalState(next.status.state)) entry.log = entry.log.slice();
    this.#publish(entry, record);
    return copiedOnRead(record, entry.stored);
  }

  async read(
    taskId: string,
    afterSeq: number,
    limit?: number,
    options?: ReadOptions,
  ): Promise<TaskEventRecord[]> {
    const log = this.#state.tasks.get(taskId)?.log ?? [];
    const count = log.length / 2;
    // The record at index i has seq i + 1, so the records start right after `afterSeq`; the
    // bounds are read as `Array.prototype.slice` reads them (NaN is 0, fractions are cut).
    const index = (bound: number) => Math.min(Math.trunc(bound) || 0, count);
    const start = Math.max(0, Math.floor(afterSeq));
    const from = index(start);
    const to = limit === undefined ? count : index(start + Math.max(0, limit));
    const records: TaskEventRecord[] = [];
    // A reader that changes nothing gets the stored events, which are never changed in place.
    const copy = options?.readsOnly !== true;
    for (let i = from; i < to; i++) {
      const stored = log[2 * i] as StreamResponse;
      const event = copy ? cloneJson(stored) : stored;
      records.push({ taskId, seq: i + 1, event, timestamp: log[2 * i + 1] as string });
    }
    return records;
  }

  subscribe(
    taskId: string,
    listener: (record: TaskEventRecord) => void,
    options?: SubscribeOptions,
  ): Unsubscribe {
    const subscription: InMemorySubscription = {
      listener,
      afterSeq: this.#state.tasks.get(taskId)?.stored.seq ?? 0,
      active: true,
      readsOnly: options?.readsOnly === true,
    };
    let set = this.#state.subscriptions.get(taskId);
    if (!set) this.#state.subscriptions.set(taskId, (set = new Set()));
    set.add(subscription);
    return () => this.#state.removeSubscription(taskId, subscription);
  }

  /**
   * Delivers a stored record to the task's listeners. A listener that appends to the same task
   * only queues its record: the running loop delivers it after the current one, so every
   * listener sees every record in order.
   */
  #publish(entry: InMemoryTaskEntry, record: TaskEventRecord): void {
    if (entry.outbox) {
      entry.outbox.push(record);
      return;
    }
    if (!this.#state.subscriptions.has(record.taskId)) return;
    const queue = [record];
    entry.outbox = queue;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) this.#deliver(next);
    } finally {
      entry.outbox = undefined;
    }
  }

  #deliver(record: TaskEventRecord): void {
    const set = this.#state.subscriptions.get(record.taskId);
    if (!set) return;
    for (const subscription of [...set]) {
      if (!subscription.active || record.seq <= subscription.afterSeq) continue;
      try {
        // Each listener gets its own copy (one listener's edits never reach another), except
        // those that promised not to edit: they share the stored record.
        subscription.listener(subscription.readsOnly ? record : cloneJson(record));
      } catch (error) {
        this.#state.removeSubscription(record.taskId, subscription);
        try {
          this.#state.options.onListenerError?.(error, record);
        } catch {
          // A failing error hook must not cost the other listeners their events.
        }
      }
    }
  }
}
