import { InternalError, type StreamResponse } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type EventLog } from '../event-log.js';
import { type TaskEventRecord } from '../task-event.js';
import { TaskFollower } from './task-follower.js';

const status = (text: string): StreamResponse => ({
  statusUpdate: {
    taskId: 't',
    contextId: 'c',
    status: {
      state: 'TASK_STATE_WORKING',
      message: { messageId: text, role: 'ROLE_AGENT', parts: [{ text }] },
    },
  },
});
const record = (seq: number): TaskEventRecord => ({
  taskId: 't',
  seq,
  event: status(`e${seq}`),
  timestamp: '2026-01-01T00:00:00.000Z',
});

/** An event log whose reads and notifications the test controls. */
function scriptedLog(stored: number[] = []) {
  const listeners = new Set<(record: TaskEventRecord) => void>();
  const state = {
    stored: [...stored],
    reads: 0,
    failNextRead: false,
    /** When set, reads wait for `release()`. */
    hold: undefined as Promise<void> | undefined,
  };
  const log: Pick<EventLog, 'read' | 'subscribe'> = {
    async read(_taskId, afterSeq, limit = 1000) {
      state.reads++;
      await state.hold;
      if (state.failNextRead) {
        state.failNextRead = false;
        throw new Error('read failed');
      }
      return state.stored
        .filter((seq) => seq > afterSeq)
        .slice(0, limit)
        .map(record);
    },
    subscribe(_taskId, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const notify = (seq: number) => {
    for (const listener of listeners) listener(record(seq));
  };
  return { log: log as EventLog, state, notify, listeners };
}

const seqs = async (follower: TaskFollower, count: number) => {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await follower.next())!.seq);
  return out;
};

describe('TaskFollower', () => {
  it('reads the log after the start, then live events, without gap or duplicate', async () => {
    const { log, state, notify } = scriptedLog([1, 2, 3]);
    const follower = new TaskFollower(log, 't', { maxBuffered: 10 });
    notify(2); // before start: at or below the start point, dropped
    follower.start(1);
    state.stored.push(4);
    notify(4); // also in the log: delivered once
    expect(await seqs(follower, 3)).toEqual([2, 3, 4]);
    const pending = follower.next();
    state.stored.push(5);
    notify(5);
    expect((await pending)?.seq).toBe(5);
    follower.close();
  });

  it('settles a pending next() with undefined when closed, even during a log read', async () => {
    const { log, state, listeners } = scriptedLog([1]);
    const waiting = new TaskFollower(log, 't', { maxBuffered: 10 });
    waiting.start(1);
    const idle = waiting.next();
    await new Promise((resolve) => setTimeout(resolve, 0));
    waiting.close();
    expect(await idle).toBeUndefined();

    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const reading = new TaskFollower(log, 't', { maxBuffered: 10 });
    reading.start(0);
    const duringRead = reading.next();
    reading.close();
    expect(await duringRead).toBeUndefined();
    release();
    expect(await reading.next()).toBeUndefined();
    expect(listeners.size).toBe(0);
  });

  it('fails once with an InternalError when live events overflow the buffer, then ends', async () => {
    const { log, notify, listeners } = scriptedLog();
    const follower = new TaskFollower(log, 't', { maxBuffered: 2 });
    follower.start(0);
    const first = follower.next();
    notify(1);
    expect((await first)?.seq).toBe(1);
    // The reader is busy (no next() pending): 2 more fit, the third overflows.
    notify(2);
    notify(3);
    notify(4);
    await expect(follower.next()).rejects.toBeInstanceOf(InternalError);
    expect(await follower.next()).toBeUndefined();
    expect(follower.closed).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('rejects a next() whose log read fails; the following next() reads again', async () => {
    const { log, state } = scriptedLog([1, 2]);
    const follower = new TaskFollower(log, 't', { maxBuffered: 10 });
    follower.start(0);
    state.failNextRead = true;
    await expect(follower.next()).rejects.toThrow('read failed');
    expect(await seqs(follower, 2)).toEqual([1, 2]);
    expect(state.reads).toBe(2);
    follower.close();
  });

  it('fills a gap from the log, and delivers the live entry when the log cannot fill it', async () => {
    const { log, state, notify } = scriptedLog([1]);
    const follower = new TaskFollower(log, 't', { maxBuffered: 10 });
    follower.start(1);
    const first = follower.next();
    await new Promise((resolve) => setTimeout(resolve, 0));
    state.stored.push(2, 3);
    notify(3); // 2 was missed: read from the log
    expect((await first)?.seq).toBe(2);
    expect((await follower.next())?.seq).toBe(3);
    notify(5); // 4 is nowhere: delivered after one empty read
    const reads = state.reads;
    expect((await follower.next())?.seq).toBe(5);
    expect(state.reads).toBe(reads + 1);
    follower.close();
  });

  it('skips entries, refuses next() before start() and a second concurrent next()', async () => {
    const { log, notify } = scriptedLog();
    const follower = new TaskFollower(log, 't', {
      maxBuffered: 10,
      skip: (event) => event.statusUpdate?.status.message?.messageId === 'e1',
    });
    await expect(follower.next()).rejects.toThrow('start()');
    follower.start(0);
    const pending = follower.next();
    await expect(follower.next()).rejects.toThrow('pending');
    notify(1);
    notify(2);
    expect((await pending)?.seq).toBe(2);
    follower.close();
  });
});
