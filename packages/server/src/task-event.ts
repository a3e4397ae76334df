import { type StreamResponse } from '@baton/protocol';

/**
 * One entry of a task's event log. `event` is the first `task` snapshot (seq 1), a
 * `statusUpdate`, an `artifactUpdate`, or a `message` appended to the task's history.
 * Sequence numbers are per task, start at 1, and are gap-free and unique.
 */
export interface TaskEventRecord {
  taskId: string;
  seq: number;
  event: StreamResponse;
  /** When the store accepted the event (ISO 8601 UTC). */
  timestamp: string;
}

const SEQUENCE = Symbol.for('baton.sequence');

/**
 * Tags a stream item with the sequence number of the log entry it came from. The tag is a symbol
 * property, so it never reaches the wire as JSON; transports read it for SSE `id:` lines.
 */
export function withSequence<T extends object>(item: T, seq: number): T {
  Object.defineProperty(item, SEQUENCE, { value: seq, enumerable: false });
  return item;
}

/** The sequence number a stream item was tagged with, if any. */
export function sequenceOf(item: object): number | undefined {
  const seq = (item as { [SEQUENCE]?: unknown })[SEQUENCE];
  return typeof seq === 'number' ? seq : undefined;
}
