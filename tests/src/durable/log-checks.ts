import { isTerminalState, type StreamResponse, type Task } from '@baton/protocol';
import {
  applyTaskEvent,
  type BatonStore,
  type StoredTask,
  type TaskEventRecord,
} from '@baton/server';
import { expect } from 'vitest';

import { type ReceivedEvent } from './recorded-stream.js';

/** A task's whole log, read in pages. */
export async function readLog(store: BatonStore, taskId: string): Promise<TaskEventRecord[]> {
  const all: TaskEventRecord[] = [];
  for (;;) {
    const page = await store.events.read(taskId, all.at(-1)?.seq ?? 0, 500);
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** The snapshot a log folds to. */
export function foldLog(records: readonly TaskEventRecord[]): Task {
  return records.reduce<Task>((task, record) => applyTaskEvent(task, record.event), {} as Task);
}

/** Every task of the anonymous caller in the default tenant. */
export async function listAllTasks(store: BatonStore): Promise<StoredTask[]> {
  const all: StoredTask[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.tasks.list({ tenant: '', owner: '' }, { pageSize: 100, pageToken });
    all.push(...page.tasks);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return all;
}

/**
 * Checks one task against its log: sequence numbers 1..n without a gap, the snapshot equal to
 * the fold of the log (and stored at seq n), at most one terminal event, and nothing after it.
 */
export function expectConsistent(stored: StoredTask, log: readonly TaskEventRecord[]): void {
  const id = stored.task.id;
  expect(
    log.map((r) => r.seq),
    `seq of ${id}`,
  ).toEqual(log.map((_, i) => i + 1));
  expect(stored.seq, `snapshot seq of ${id}`).toBe(log.length);
  expect(stored.task, `snapshot of ${id}`).toEqual(foldLog(log));
  const terminal = log.filter((r) => {
    const state = r.event.statusUpdate?.status.state;
    return state !== undefined && isTerminalState(state);
  });
  expect(terminal.length, `terminal events of ${id}`).toBeLessThanOrEqual(1);
  if (terminal.length === 1) expect(terminal[0]!.seq).toBe(log.length);
}

/** JSON as it travels: what a client received is compared with the log through this. */
export function wire(value: StreamResponse): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Every event a client received is in the log under its seq, with the same content, in
 * increasing order. A task snapshot that opened a SubscribeToTask stream (tagged with the seq of
 * the last event folded into it) equals the fold of the log up to that seq.
 */
export function expectAcknowledged(
  received: readonly ReceivedEvent[],
  log: readonly TaskEventRecord[],
): void {
  const bySeq = new Map(log.map((record) => [record.seq, record]));
  let previous = 0;
  for (const { seq, event } of received) {
    expect(Number.isInteger(seq) && seq > previous, `seq ${seq} after ${previous}`).toBe(true);
    previous = seq;
    const record = bySeq.get(seq);
    expect(record, `event ${seq} in the log`).toBeDefined();
    if (event.task && !record!.event.task) {
      expect(wire({ task: foldLog(log.slice(0, seq)) }), `snapshot at ${seq}`).toEqual(wire(event));
    } else {
      expect(wire(record!.event), `event ${seq}`).toEqual(wire(event));
    }
  }
}

/** The log entries a stream sends: everything but incoming user messages. */
export function streamable(log: readonly TaskEventRecord[]): TaskEventRecord[] {
  return log.filter((record) => record.event.message === undefined);
}
