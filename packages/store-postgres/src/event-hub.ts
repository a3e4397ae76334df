import { type TaskEventRecord, type Unsubscribe } from '@baton/server';

/** How the hub reaches the database. */
export interface EventHubSource {
  /** The log of a task after `afterSeq`, at most `limit` records, in order. */
  read(taskId: string, afterSeq: number, limit: number): Promise<TaskEventRecord[]>;
  /** The current `seq` of each task that exists. */
  currentSeqs(taskIds: string[]): Promise<Map<string, number>>;
  /** A background failure (a read that will be retried). */
  onError(error: unknown): void;
  onListenerError?: ((error: unknown, record: TaskEventRecord) => void) | undefined;
}

interface Subscription {
  listener: (record: TaskEventRecord) => void;
  /** Only records after this seq reach the listener; unknown until the channel's baseline. */
  afterSeq: number | undefined;
  active: boolean;
}

/** The live state of one subscribed task. */
interface Channel {
  taskId: string;
  subscriptions: Set<Subscription>;
  /** The last seq delivered; `undefined` until the baseline read returns. */
  last: number | undefined;
  /** Records that arrived ahead of their turn. */
  pending: Map<number, TaskEventRecord>;
  /** The highest seq known to be in the log (from notifications and catch-up reads). */
  known: number;
  /** The lowest seq another process announced since the channel opened and before any delivery. */
  remoteSince: number;
  /** Whether any record reached the listeners yet; until then the start may still move back. */
  delivered: boolean;
  draining: boolean;
}

const READ_PAGE = 256;
const RETRY_MS = 250;

/**
 * The in-process fan-out of one store. Records reach it from this process's own appends (after
 * COMMIT) and, with LISTEN, as notifications of a task id and seq. Per task it tracks the last
 * seq delivered and hands listeners every later record exactly once, in order: a record that
 * arrives early waits, and a missing seq is read from the log, which always has it, because a
 * task's row lock makes seq N commit before seq N + 1 can be written. A seq this process is still
 * writing is not read; its own publish fills it.
 */
export class EventHub {
  readonly #source: EventHubSource;
  readonly #channels = new Map<string, Channel>();
  /** Seqs this process is writing right now, per task (reserved before COMMIT). */
  readonly #writing = new Map<string, Set<number>>();
  #closed = false;

  constructor(source: EventHubSource) {
    this.#source = source;
  }

  /** Marks `seq` of `taskId` as being written by this process. */
  reserve(taskId: string, seq: number): void {
    let seqs = this.#writing.get(taskId);
    if (!seqs) this.#writing.set(taskId, (seqs = new Set()));
    seqs.add(seq);
  }

  /** The write of `seq` failed or its outcome is unknown: stop waiting for its publish. */
  abandon(taskId: string, seq: number): void {
    this.#unreserve(taskId, seq);
    const channel = this.#channels.get(taskId);
    if (channel) void this.#drain(channel);
  }

  /** A record this process committed: delivered now if it is next, otherwise once it is. */
  publish(record: TaskEventRecord): void {
    this.#unreserve(record.taskId, record.seq);
    const channel = this.#channels.get(record.taskId);
    if (!channel || (channel.last !== undefined && record.seq <= channel.last)) return;
    channel.pending.set(record.seq, record);
    void this.#drain(channel);
  }

  /**
   * A NOTIFY said `seq` of `taskId` is committed: read it from the log unless it is here already.
   * An announcement from another process that arrives before this channel delivered anything
   * may be of an append that raced with `subscribe`, so the channel starts before it instead of
   * risking its loss (at worst one event committed just before `subscribe` is delivered too).
   */
  notified(taskId: string, seq: number, fromOtherProcess: boolean): void {
    const channel = this.#channels.get(taskId);
    if (!channel) return;
    let moved = seq > channel.known;
    if (fromOtherProcess && !channel.delivered) {
      if (channel.last === undefined) channel.remoteSince = Math.min(channel.remoteSince, seq);
      else if (seq <= channel.last) {
        this.#startAt(channel, seq - 1);
        moved = true;
      }
    }
    channel.known = Math.max(channel.known, seq);
    if (moved) void this.#drain(channel);
  }

  /** After notifications may have been lost: look up every subscribed task's current seq. */
  async catchUp(): Promise<void> {
    const taskIds = [...this.#channels.keys()];
    if (taskIds.length === 0) return;
    const seqs = await this.#source.currentSeqs(taskIds);
    for (const [taskId, seq] of seqs) this.notified(taskId, seq, false);
  }

  /** The tasks that have subscribers. */
  subscribedTaskIds(): string[] {
    return [...this.#channels.keys()];
  }

  /** Drops every subscription of tasks that no longer exist. */
  forget(taskIds: Iterable<string>): void {
    for (const taskId of taskIds) {
      const channel = this.#channels.get(taskId);
      if (!channel) continue;
      for (const subscription of channel.subscriptions) subscription.active = false;
      this.#channels.delete(taskId);
    }
  }

  /** See `EventLog.subscribe`. */
  subscribe(taskId: string, listener: (record: TaskEventRecord) => void): Unsubscribe {
    if (this.#closed) return () => {};
    let channel = this.#channels.get(taskId);
    const isNew = !channel;
    if (!channel) {
      channel = {
        taskId,
        subscriptions: new Set(),
        last: undefined,
        pending: new Map(),
        known: 0,
        remoteSince: Infinity,
        delivered: false,
        draining: false,
      };
      this.#channels.set(taskId, channel);
    }
    const subscription: Subscription = { listener, afterSeq: channel.last, active: true };
    channel.subscriptions.add(subscription);
    if (isNew) this.#baseline(channel);
    const owner = channel;
    return () => this.#remove(owner, subscription);
  }

  /** Stops every delivery; later subscriptions are inert. */
  close(): void {
    this.#closed = true;
    this.forget([...this.#channels.keys()]);
    this.#writing.clear();
  }

  /**
   * Learns where a new channel starts: the task's seq as read now, lowered to just before any
   * seq this process published or is still writing since, so none of those is lost.
   */
  #baseline(channel: Channel): void {
    this.#source.currentSeqs([channel.taskId]).then(
      (seqs) => {
        if (!this.#isLive(channel)) return;
        const current = seqs.get(channel.taskId) ?? 0;
        let floor = Math.min(current, channel.remoteSince - 1);
        for (const seq of channel.pending.keys()) floor = Math.min(floor, seq - 1);
        for (const seq of this.#writing.get(channel.taskId) ?? []) floor = Math.min(floor, seq - 1);
        channel.known = Math.max(channel.known, current);
        this.#startAt(channel, floor);
        void this.#drain(channel);
      },
      (error: unknown) => {
        this.#source.onError(error);
        setTimeout(() => this.#isLive(channel) && this.#baseline(channel), RETRY_MS).unref();
      },
    );
  }

  /** Sets where a channel that delivered nothing yet starts, for it and its subscriptions. */
  #startAt(channel: Channel, floor: number): void {
    channel.last = floor;
    for (const subscription of channel.subscriptions) subscription.afterSeq = floor;
  }

  /** Delivers every record that is due, reading gaps from the log; one loop per channel. */
  async #drain(channel: Channel): Promise<void> {
    if (channel.draining || channel.last === undefined) return;
    channel.draining = true;
    try {
      while (this.#isLive(channel) && channel.last !== undefined) {
        const last: number = channel.last;
        const next = last + 1;
        const record = channel.pending.get(next);
        if (record) {
          channel.pending.delete(next);
          channel.last = next;
          channel.delivered = true;
          this.#deliver(channel, record);
          continue;
        }
        let target = channel.known;
        for (const seq of channel.pending.keys()) {
          if (seq <= last) channel.pending.delete(seq);
          else target = Math.max(target, seq);
        }
        if (target < next || this.#writing.get(channel.taskId)?.has(next)) return;
        const limit = Math.min(target - last, READ_PAGE);
        const records = await this.#source.read(channel.taskId, last, limit);
        for (const found of records) {
          if (channel.last !== undefined && found.seq > channel.last) {
            channel.pending.set(found.seq, found);
          }
        }
        if (!channel.pending.has(next)) this.#skipMissing(channel);
      }
    } catch (error) {
      this.#source.onError(error);
      setTimeout(() => void this.#drain(channel), RETRY_MS).unref();
    } finally {
      channel.draining = false;
    }
  }

  /** The log lacks the next seq (the task was purged or never existed): go on from what exists. */
  #skipMissing(channel: Channel): void {
    let lowest = Infinity;
    for (const seq of channel.pending.keys()) lowest = Math.min(lowest, seq);
    if (Number.isFinite(lowest)) channel.last = lowest - 1;
    else channel.known = channel.last ?? 0;
  }

  #deliver(channel: Channel, record: TaskEventRecord): void {
    for (const subscription of [...channel.subscriptions]) {
      if (!subscription.active || record.seq <= (subscription.afterSeq ?? Infinity)) continue;
      try {
        // Each listener gets its own copy: one listener's edits never reach another.
        subscription.listener(structuredClone(record));
      } catch (error) {
        this.#remove(channel, subscription);
        try {
          this.#source.onListenerError?.(error, record);
        } catch {
          // A failing error hook must not cost the other listeners their events.
        }
      }
    }
  }

  #remove(channel: Channel, subscription: Subscription): void {
    subscription.active = false;
    channel.subscriptions.delete(subscription);
    if (channel.subscriptions.size === 0 && this.#channels.get(channel.taskId) === channel) {
      this.#channels.delete(channel.taskId);
    }
  }

  #isLive(channel: Channel): boolean {
    return !this.#closed && this.#channels.get(channel.taskId) === channel;
  }

  #unreserve(taskId: string, seq: number): void {
    const seqs = this.#writing.get(taskId);
    if (!seqs?.delete(seq)) return;
    if (seqs.size === 0) this.#writing.delete(taskId);
  }
}
