import { type TaskEventRecord } from '@baton/server';
import { describe, expect, it, vi } from 'vitest';

import { EventHub, type EventHubSource } from './event-hub.js';

/** A log in memory standing in for the database, with a switch to hold reads back. */
function fakeSource() {
  const logs = new Map<string, TaskEventRecord[]>();
  const reads: [string, number, number][] = [];
  let failReads = 0;
  const source: EventHubSource = {
    read: async (taskId, afterSeq, limit) => {
      reads.push([taskId, afterSeq, limit]);
      if (failReads > 0) {
        failReads--;
        throw new Error('read failed');
      }
      return (logs.get(taskId) ?? []).filter((r) => r.seq > afterSeq).slice(0, limit);
    },
    currentSeqs: async (taskIds) =>
      new Map(taskIds.filter((id) => logs.has(id)).map((id) => [id, logs.get(id)!.length])),
    onError: vi.fn(),
    onListenerError: vi.fn(),
  };
  /** Commits the next record of a task to the fake log and returns it. */
  const commit = (taskId: string): TaskEventRecord => {
    const log = logs.get(taskId) ?? [];
    logs.set(taskId, log);
    const record: TaskEventRecord = {
      taskId,
      seq: log.length + 1,
      event: { message: { messageId: 'm', role: 'ROLE_AGENT', parts: [] } },
      timestamp: new Date().toISOString(),
    };
    log.push(record);
    return record;
  };
  return { source, commit, reads, failNextReads: (n: number) => (failReads = n) };
}

const seqs = (records: TaskEventRecord[]) => records.map((r) => r.seq);

async function subscribed(hub: EventHub, taskId: string) {
  const seen: TaskEventRecord[] = [];
  const stop = hub.subscribe(taskId, (record) => seen.push(record));
  await vi.waitFor(() => expect(hub.subscribedTaskIds()).toContain(taskId));
  await new Promise((resolve) => setTimeout(resolve, 5)); // let the baseline read return
  return { seen, stop };
}

describe('EventHub', () => {
  it('delivers only what was committed after subscribing, in order, even if published out of order', async () => {
    const { source, commit } = fakeSource();
    const hub = new EventHub(source);
    hub.publish(commit('t'));
    const { seen } = await subscribed(hub, 't');
    const [two, three] = [commit('t'), commit('t')];
    hub.reserve('t', 2);
    hub.reserve('t', 3);
    hub.publish(three);
    expect(seen).toEqual([]);
    hub.publish(two);
    expect(seqs(seen)).toEqual([2, 3]);
  });

  it('reads a gap from the log unless this process is still writing that seq', async () => {
    const { source, commit, reads } = fakeSource();
    const hub = new EventHub(source);
    commit('t');
    const { seen } = await subscribed(hub, 't');
    commit('t'); // seq 2 by another process
    hub.publish(commit('t'));
    await vi.waitFor(() => expect(seqs(seen)).toEqual([2, 3]));
    expect(reads).toContainEqual(['t', 1, 2]);

    hub.reserve('t', 4);
    const five = (commit('t'), commit('t'));
    hub.publish(five);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seqs(seen)).toEqual([2, 3]);
    hub.abandon('t', 4); // its outcome is unknown: the log has the answer
    await vi.waitFor(() => expect(seqs(seen)).toEqual([2, 3, 4, 5]));
  });

  it('turns notifications into log reads and never delivers a seq twice', async () => {
    const { source, commit } = fakeSource();
    const hub = new EventHub(source);
    const { seen } = await subscribed(hub, 't');
    const records = [commit('t'), commit('t'), commit('t')];
    hub.notified('t', 3, true);
    await vi.waitFor(() => expect(seqs(seen)).toEqual([1, 2, 3]));
    for (const record of records) hub.publish(record);
    hub.notified('t', 2, true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seqs(seen)).toEqual([1, 2, 3]);
  });

  it('starts before a remote append that raced with subscribe, but not before its own', async () => {
    const { source, commit } = fakeSource();
    const hub = new EventHub(source);
    commit('t');
    const { seen } = await subscribed(hub, 't');
    expect(seen).toEqual([]);
    // Seq 2 was committed elsewhere before the baseline read saw the task; its NOTIFY comes late.
    commit('t');
    const late = new EventHub(source);
    const lateSeen: TaskEventRecord[] = [];
    late.subscribe('t', (record) => lateSeen.push(record));
    await new Promise((resolve) => setTimeout(resolve, 5));
    late.notified('t', 2, true);
    await vi.waitFor(() => expect(seqs(lateSeen)).toEqual([2]));
    // Its own NOTIFY of an append it already published moves nothing back.
    const own = new EventHub(source);
    const ownSeen: TaskEventRecord[] = [];
    own.subscribe('t', (record) => ownSeen.push(record));
    await new Promise((resolve) => setTimeout(resolve, 5));
    own.notified('t', 2, false);
    hub.notified('t', 2, true);
    await vi.waitFor(() => expect(seqs(seen)).toEqual([2]));
    hub.notified('t', 1, true); // after a delivery the start is fixed
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seqs(seen)).toEqual([2]);
    expect(ownSeen).toEqual([]);
  });

  it('keeps records published while the baseline read is out, and seqs being written', async () => {
    const { source, commit } = fakeSource();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: EventHubSource = {
      ...source,
      currentSeqs: async (ids) => {
        await gate;
        return source.currentSeqs(ids);
      },
    };
    const hub = new EventHub(slow);
    commit('t');
    const seen: TaskEventRecord[] = [];
    hub.subscribe('t', (record) => seen.push(record));
    hub.reserve('t', 2);
    const two = commit('t'); // committed before the baseline read, published after it
    hub.reserve('t', 3);
    hub.publish(commit('t'));
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual([]);
    hub.publish(two);
    await vi.waitFor(() => expect(seqs(seen)).toEqual([2, 3]));
  });

  it('keeps order when a listener publishes the next record itself', async () => {
    const { source, commit } = fakeSource();
    const hub = new EventHub(source);
    const order: string[] = [];
    hub.subscribe('t', (record) => {
      order.push(`a${record.seq}`);
      if (record.seq === 1) hub.publish(commit('t'));
    });
    hub.subscribe('t', (record) => order.push(`b${record.seq}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    hub.publish(commit('t'));
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('removes a throwing listener, reports it, and gives each listener its own copy', async () => {
    const { source, commit } = fakeSource();
    const hub = new EventHub(source);
    const thrower = vi.fn(() => {
      throw new Error('listener bug');
    });
    hub.subscribe('t', thrower);
    const { seen } = await subscribed(hub, 't');
    const record = commit('t');
    hub.publish(record);
    hub.publish(commit('t'));
    expect(thrower).toHaveBeenCalledTimes(1);
    expect(source.onListenerError).toHaveBeenCalledWith(expect.any(Error), record);
    expect(seqs(seen)).toEqual([1, 2]);
    expect(seen[0]).not.toBe(record);
  });

  it('retries a failed read, catches up after lost notifications, and stops on close', async () => {
    const { source, commit, failNextReads } = fakeSource();
    const hub = new EventHub(source);
    const { seen } = await subscribed(hub, 't');
    commit('t');
    commit('t');
    failNextReads(1);
    await hub.catchUp();
    await vi.waitFor(() => expect(seqs(seen)).toEqual([1, 2]));
    expect(source.onError).toHaveBeenCalledTimes(1);
    hub.close();
    hub.publish(commit('t'));
    expect(seqs(seen)).toEqual([1, 2]);
    expect(hub.subscribedTaskIds()).toEqual([]);
  });
});
