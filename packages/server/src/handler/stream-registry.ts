import { UnsupportedOperationError } from '@baton/protocol';

import { TaskEventStream, type TaskEventStreamInit } from '../stream/task-event-stream.js';

/**
 * The open streams of this handler, per task, with the `maxStreamsPerTask` bound. A task with one
 * stream (the usual case: the stream of the message that made it) holds it without a set.
 */
export class StreamRegistry {
  readonly #byTask = new Map<string, TaskEventStream | Set<TaskEventStream>>();
  readonly #maxPerTask: number;

  constructor(maxPerTask: number) {
    this.#maxPerTask = maxPerTask;
  }

  /** Open streams of one task, or of all tasks. */
  count(taskId?: string): number {
    if (taskId !== undefined) return sizeOf(this.#byTask.get(taskId));
    let total = 0;
    for (const open of this.#byTask.values()) total += sizeOf(open);
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
    // A stream that closes inside its constructor (an aborted signal) is not registered yet:
    // removing it finds nothing, and it is not added.
    const stream = new TaskEventStream(init, (closed) => this.#remove(taskId, closed));
    if (stream.closed) return stream;
    const open = this.#byTask.get(taskId);
    if (open === undefined) this.#byTask.set(taskId, stream);
    else if (open instanceof Set) open.add(stream);
    else this.#byTask.set(taskId, new Set([open, stream]));
    return stream;
  }

  #remove(taskId: string, stream: TaskEventStream): void {
    const open = this.#byTask.get(taskId);
    if (open === stream) this.#byTask.delete(taskId);
    else if (open instanceof Set && open.delete(stream) && open.size === 0) {
      this.#byTask.delete(taskId);
    }
  }

  /** Ends every open stream (shutdown). */
  closeAll(): void {
    for (const open of [...this.#byTask.values()]) {
      if (open instanceof Set) for (const stream of [...open]) stream.close();
      else open.close();
    }
  }
}

function sizeOf(open: TaskEventStream | Set<TaskEventStream> | undefined): number {
  return open === undefined ? 0 : open instanceof Set ? open.size : 1;
}
