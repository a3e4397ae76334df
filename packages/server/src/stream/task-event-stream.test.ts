import { type StreamResponse } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { createInMemoryStore } from '../in-memory/create-in-memory-store.js';
import { sequenceOf } from '../task-event.js';
import { endsStream } from './settles.js';
import { type StreamStart, TaskEventStream } from './task-event-stream.js';
import { TaskFollower } from './task-follower.js';

const owner = { tenant: '', owner: '' };
const working = (state = 'TASK_STATE_WORKING'): StreamResponse =>
  ({ statusUpdate: { taskId: 't1', contextId: 'c1', status: { state } } }) as StreamResponse;
const keep = (current: { task: object }) => current.task as never;

async function setup() {
  const store = createInMemoryStore();
  const created = await store.events.create(owner, {
    id: 't1',
    contextId: 'c1',
    status: { state: 'TASK_STATE_SUBMITTED' },
  });
  const follower = new TaskFollower(store.events, 't1', { maxBuffered: 100 });
  follower.start(created.record.seq);
  const append = (state?: string) => store.events.append('t1', working(state), keep);
  return { store, follower, append, snapshot: created.record.event };
}

describe('TaskEventStream', () => {
  it('sends the initial items, then live events tagged with their sequence, until closeAfter', async () => {
    const { follower, append, snapshot } = await setup();
    let closes = 0;
    const stream = new TaskEventStream({
      prepare: async (): Promise<StreamStart> => ({ initial: [snapshot], follower }),
      closeAfter: endsStream,
      onClose: () => closes++,
    });
    expect((await stream.next()).value).toEqual(snapshot);
    const pending = stream.next();
    await append();
    const live = await pending;
    expect(sequenceOf(live.value!)).toBe(2);
    await append('TASK_STATE_COMPLETED');
    expect((await stream.next()).value?.statusUpdate?.status.state).toBe('TASK_STATE_COMPLETED');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(stream.closed).toBe(true);
    expect(follower.closed).toBe(true);
    expect(closes).toBe(1);
  });

  it('ends a pending next() at once when the signal aborts or return() is called', async () => {
    for (const end of ['abort', 'return'] as const) {
      const { follower } = await setup();
      const abort = new AbortController();
      const stream = new TaskEventStream({
        prepare: async () => ({ initial: [], follower }),
        closeAfter: endsStream,
        signal: abort.signal,
      });
      const pending = stream.next();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (end === 'abort') abort.abort();
      else await stream.return();
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(follower.closed).toBe(true);
    }
  });

  it("reads the caller's signal only once the stream outlives its first turn, then ends when it aborts", async () => {
    const { follower, snapshot } = await setup();
    const abort = new AbortController();
    let reads = 0;
    const context = {
      get signal() {
        reads++;
        return abort.signal;
      },
    };
    const turn = () => new Promise((resolve) => setTimeout(resolve, 5));
    // Ends in the turn it was opened in: the signal is never read.
    const quick = new TaskEventStream({
      prepare: async () => ({ initial: [working('TASK_STATE_COMPLETED')] }),
      closeAfter: endsStream,
      context,
    });
    expect((await quick.next()).done).toBe(false);
    expect((await quick.next()).done).toBe(true);
    await turn();
    expect(reads).toBe(0);
    // Waits for live events: read on the next turn, and its abort ends the pending next().
    const waiting = new TaskEventStream({
      prepare: async () => ({ initial: [snapshot], follower }),
      closeAfter: endsStream,
      context,
    });
    expect((await waiting.next()).value).toEqual(snapshot);
    const pending = waiting.next();
    expect(reads).toBe(0);
    await turn();
    expect(reads).toBe(1);
    abort.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(follower.closed).toBe(true);
    // Aborted before it was read: the stream ends one turn later.
    const late = new TaskEventStream({
      prepare: () => new Promise<StreamStart>(() => undefined),
      closeAfter: endsStream,
      context,
    });
    const first = late.next();
    await turn();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(late.closed).toBe(true);
  });

  it('ends a first next() still waiting for prepare, and closes the follower it brings', async () => {
    const { follower } = await setup();
    let resolvePrepare!: (start: StreamStart) => void;
    const stream = new TaskEventStream({
      prepare: () => new Promise((resolve) => (resolvePrepare = resolve)),
      closeAfter: endsStream,
    });
    const pending = stream.next();
    stream.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    resolvePrepare({ initial: [], follower });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(follower.closed).toBe(true);
  });

  it('closes the follower prepare brought when the stream closes before its first next()', async () => {
    const { follower } = await setup();
    const stream = new TaskEventStream({
      prepare: async () => ({ initial: [], follower }),
      closeAfter: endsStream,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(follower.closed).toBe(false);
    stream.close();
    expect(follower.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('answers two next() calls made while prepare runs with the first two items, in order', async () => {
    const { follower, snapshot, append } = await setup();
    let resolvePrepare!: (start: StreamStart) => void;
    const stream = new TaskEventStream({
      prepare: () => new Promise((resolve) => (resolvePrepare = resolve)),
      closeAfter: endsStream,
    });
    const first = stream.next();
    const second = stream.next();
    resolvePrepare({ initial: [snapshot], follower });
    expect((await first).value).toEqual(snapshot);
    await append();
    expect(sequenceOf((await second).value!)).toBe(2);
    stream.close();
  });

  it('throws the failure of prepare from the first next(), and of the follower later', async () => {
    const failing = new TaskEventStream({
      prepare: async () => {
        throw new Error('no task');
      },
      closeAfter: endsStream,
    });
    await expect(failing.next()).rejects.toThrow('no task');
    expect(failing.closed).toBe(true);
    // The same when prepare has already failed by the time next() is called.
    const failed = new TaskEventStream({
      prepare: () => Promise.reject(new Error('gone')),
      closeAfter: endsStream,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(failed.next()).rejects.toThrow('gone');
    expect(failed.closed).toBe(true);
    expect(await failed.next()).toEqual({ done: true, value: undefined });

    const { store, append } = await setup();
    const small = new TaskFollower(store.events, 't1', { maxBuffered: 1 });
    small.start(1);
    const overflowing = new TaskEventStream({
      prepare: async () => ({ initial: [], follower: small }),
      closeAfter: endsStream,
    });
    await append();
    await append();
    await expect(overflowing.next()).rejects.toThrow('fell more than 1 events behind');
    expect(overflowing.closed).toBe(true);
  });
});
