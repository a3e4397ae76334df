import { UnsupportedOperationError } from '@baton/protocol';

import { TaskEventStream, type TaskEventStreamInit } from '../stream/task-event-stream.js';

/** The open streams of this handler, per task, with the `maxStreamsPerTask` bound. */
export class StreamRegistry {
  readonly #byTask = new Map<string, Set<TaskEventStream>>();
  readonly #maxPerTask: number;

  constructor(maxPerTask: number) {
    this.#maxPerTask = maxPerTask;
  }

  /** Open streams of one task, or of all tasks. */
  count(taskId?: string): number {
    if (taskId !== undefined) return this.#byTask.get(taskId)?.size ?? 0;
    let total = 0;
    for (const set of this.#byTask.values()) total += set.size;
    return total;
  }

  /** Throws `UnsupportedOperationError` when the task already has the most streams allowed. */
  checkRoom(taskId: string): void {
    const open = this.count(taskId);
    if (open >= this.#maxPerTask) {
      throw new UnsupportedOperationError(
        `Task ${taskId} already has ${open} open streams, the most allowed; close one first`,
        { metadata: { taskId } },
      );
    }
  }

  /** Opens a stream of a task and keeps it registered until it closes. */
  open(taskId: string, init: Omit<TaskEventStreamInit, 'onClose'>): TaskEventStream {
    this.checkRoom(taskId);
    // The stream may close inside its constructor (an aborted signal): the holder is empty then.
    const holder: { stream?: TaskEventStream } = {};
    const stream = new TaskEventStream({
      ...init,
      onClose: () => holder.stream && this.#remove(taskId, holder.stream),
    });
    holder.stream = stream;
    if (stream.closed) return stream;
    let set = this.#byTask.get(taskId);
    if (!set) this.#byTask.set(taskId, (set = new Set()));
    set.add(stream);
    return stream;
  }

  #remove(taskId: string, stream: TaskEventStream): void {
    const set = this.#byTask.get(taskId);
    if (!set?.delete(stream)) return;
    if (set.size === 0) this.#byTask.delete(taskId);
  }

  /** Ends every open stream (shutdown). */
  closeAll(): void {
    for (const set of [...this.#byTask.values()]) {
      for (const stream of [...set]) stream.close();
    }
  }
}
