import { cloneJson, type TaskEventRecord, type Unsubscribe } from '@baton/server';

interface Subscription {
  listener: (record: TaskEventRecord) => void;
  /** The task's seq when the listener subscribed: it only sees later events. */
  afterSeq: number;
  active: boolean;
}

/**
 * The in-process live fan-out of committed events. Another process writing the same file is not
 * seen here: SQLite serves one process; several processes share a PostgreSQL store instead.
 */
export class EventFanOut {
  readonly #subscriptions = new Map<string, Set<Subscription>>();
  /** Records waiting for delivery per task, while a delivery loop for that task runs. */
  readonly #outbox = new Map<string, TaskEventRecord[]>();
  readonly #onError: ((error: unknown, record: TaskEventRecord) => void) | undefined;

  constructor(onError?: (error: unknown, record: TaskEventRecord) => void) {
    this.#onError = onError;
  }

  /** Registers `listener` for events of `taskId` with a sequence number above `afterSeq`. */
  subscribe(
    taskId: string,
    afterSeq: number,
    listener: (record: TaskEventRecord) => void,
  ): Unsubscribe {
    const subscription: Subscription = { listener, afterSeq, active: true };
    let set = this.#subscriptions.get(taskId);
    if (!set) this.#subscriptions.set(taskId, (set = new Set()));
    set.add(subscription);
    return () => this.#remove(taskId, subscription);
  }

  /** The task ids that have listeners. */
  subscribedTasks(): string[] {
    return [...this.#subscriptions.keys()];
  }

  /**
   * Delivers a committed record. A listener that appends to the same task only queues its
   * record: the running loop delivers it after the current one, so every listener sees every
   * record in order.
   */
  publish(record: TaskEventRecord): void {
    if (!this.#subscriptions.has(record.taskId)) return;
    const queued = this.#outbox.get(record.taskId);
    if (queued) {
      queued.push(record);
      return;
    }
    const queue = [record];
    this.#outbox.set(record.taskId, queue);
    try {
      for (let next = queue.shift(); next; next = queue.shift()) this.#deliver(next);
    } finally {
      this.#outbox.delete(record.taskId);
    }
  }

  /** Drops every listener of a task (it was purged). */
  dropTask(taskId: string): void {
    for (const subscription of this.#subscriptions.get(taskId) ?? []) {
      this.#remove(taskId, subscription);
    }
  }

  /** Drops every listener. */
  clear(): void {
    for (const set of this.#subscriptions.values()) {
      for (const subscription of set) subscription.active = false;
    }
    this.#subscriptions.clear();
  }

  #deliver(record: TaskEventRecord): void {
    const set = this.#subscriptions.get(record.taskId);
    if (!set) return;
    for (const subscription of [...set]) {
      if (!subscription.active || record.seq <= subscription.afterSeq) continue;
      try {
        // Each listener gets its own copy: one listener's edits never reach another.
        subscription.listener(cloneJson(record));
      } catch (error) {
        this.#remove(record.taskId, subscription);
        try {
          this.#onError?.(error, record);
        } catch {
          // A failing error hook must not cost the other listeners their events.
        }
      }
    }
  }

  #remove(taskId: string, subscription: Subscription): void {
    subscription.active = false;
    const set = this.#subscriptions.get(taskId);
    if (!set) return;
    set.delete(subscription);
    if (set.size === 0) this.#subscriptions.delete(taskId);
  }
}
