import { isTerminalState, type StreamResponse, TaskNotCancelableError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import {
  type AgentExecutor,
  type BatonStore,
  createInMemoryStore,
  type EventLog,
  sequenceOf,
} from '../src/index.js';
import { collect, gate, handlerWith, kindOf, until, userMessage } from './helpers.js';

/** An event log that counts live listeners, to prove streams and waits unsubscribe. */
function countingStore(): BatonStore & { listeners: () => number } {
  const store = createInMemoryStore();
  let listeners = 0;
  const events: EventLog = {
    create: (ownership, task) => store.events.create(ownership, task),
    append: (taskId, event, reduce) => store.events.append(taskId, event, reduce),
    read: (taskId, afterSeq, limit) => store.events.read(taskId, afterSeq, limit),
    subscribe(taskId, listener) {
      listeners++;
      const unsubscribe = store.events.subscribe(taskId, listener);
      let done = false;
      return () => {
        if (!done) listeners--;
        done = true;
        unsubscribe();
      };
    },
  };
  return { ...store, events, listeners: () => listeners };
}

/** Works, waits for `release`, then writes `count` artifact chunks and completes. */
function burstExecutor(count: number) {
  const release = gate();
  const executor: AgentExecutor = {
    async execute(_context, events) {
      await events.working();
      await release.promise;
      for (let i = 0; i < count; i++) {
        await events.addArtifact({ artifactId: 'a', parts: [{ text: `${i}` }] }, { append: i > 0 });
      }
      await events.complete();
    },
  };
  return { executor, release: release.open };
}

describe('concurrency', () => {
  it('100 streams on one task all get every event in the same order', async () => {
    const { executor, release } = burstExecutor(50);
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({
      message: userMessage('go'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const streams = await Promise.all(
      Array.from({ length: 100 }, () => handler.subscribeToTask({ id: task!.id })),
    );
    const results = Promise.all(streams.map((stream) => collect(stream)));
    release();
    const all = await results;
    const reference = all[0]!.map((item) => sequenceOf(item));
    expect(reference).toHaveLength(52);
    expect(reference).toEqual(Array.from({ length: 52 }, (_, i) => i + 2));
    for (const items of all) {
      expect(items.map((item) => sequenceOf(item))).toEqual(reference);
      expect(items.map(kindOf).at(-1)).toBe('status:TASK_STATE_COMPLETED');
    }
    expect(handler.stats.streams).toBe(0);
    await handler.close();
  });

  it('cancel racing completion always ends with exactly one terminal state and a true answer', async () => {
    const store = createInMemoryStore();
    const executor: AgentExecutor = {
      async execute(_context, events) {
        await events.working();
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
        await events.complete().catch(() => {});
      },
    };
    const handler = handlerWith(executor, { store });
    let canceled = 0;
    let notCancelable = 0;
    for (let i = 0; i < 150; i++) {
      const { task } = await handler.sendMessage({
        message: userMessage(`r${i}`),
        configuration: { returnImmediately: true },
      });
      const id = task!.id;
      // Cancel at a random moment around the executor's completion, so both orders happen.
      if (i % 3 !== 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      const answer = await handler.cancelTask({ id }).then(
        (t) => t.status.state,
        (error: unknown) => (TaskNotCancelableError.isInstance(error) ? 'not-cancelable' : error),
      );
      await until(() => handler.stats.activeTasks === 0);
      const final = (await handler.getTask({ id })).status.state;
      const log = await store.events.read(id, 0);
      const terminals = log.filter(
        (r) => r.event.statusUpdate && isTerminalState(r.event.statusUpdate.status.state),
      );
      expect(terminals).toHaveLength(1);
      if (answer === 'TASK_STATE_CANCELED') {
        canceled++;
        expect(final).toBe('TASK_STATE_CANCELED');
      } else {
        notCancelable++;
        expect(answer).toBe('not-cancelable');
        expect(final).toBe('TASK_STATE_COMPLETED');
      }
    }
    expect(canceled + notCancelable).toBe(150);
    expect(canceled).toBeGreaterThan(0);
    expect(notCancelable).toBeGreaterThan(0);
    await handler.close();
  });

  it('a subscriber that disconnects frees its listener at once, even mid-wait', async () => {
    const store = countingStore();
    const { executor, release } = burstExecutor(3);
    const handler = handlerWith(executor, { store });
    const { task } = await handler.sendMessage({
      message: userMessage('go'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    expect(store.listeners()).toBe(0);
    const stream = (await handler.subscribeToTask({ id: task!.id }))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.task?.id).toBe(task!.id);
    expect(store.listeners()).toBe(1);
    const pending = stream.next();
    await stream.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(store.listeners()).toBe(0);
    expect(handler.stats.streams).toBe(0);

    const controller = new AbortController();
    const second = (await handler.subscribeToTask({ id: task!.id }, { signal: controller.signal }))[
      Symbol.asyncIterator
    ]();
    await second.next();
    const waiting = second.next();
    controller.abort();
    expect((await waiting).done).toBe(true);
    expect(store.listeners()).toBe(0);

    const blocking = new AbortController();
    const send = handler.sendMessage(
      { message: userMessage('another') },
      { signal: blocking.signal },
    );
    await until(() => store.listeners() === 1);
    blocking.abort();
    await expect(send).rejects.toThrow(/aborted/);
    expect(store.listeners()).toBe(0);
    release();
    await until(() => handler.stats.activeTasks === 0 && handler.stats.runs === 0);
    expect(store.listeners()).toBe(0);
    await handler.close();
  });

  it('a subscriber that falls too far behind is ended with an error, not buffered forever', async () => {
    const { executor, release } = burstExecutor(30);
    const handler = handlerWith(executor, { limits: { maxStreamBufferEvents: 5 } });
    const { task } = await handler.sendMessage({
      message: userMessage('go'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const stream = (await handler.subscribeToTask({ id: task!.id }))[Symbol.asyncIterator]();
    await stream.next();
    release();
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_COMPLETED',
    );
    await expect(stream.next()).rejects.toMatchObject({
      code: -32603,
      message: expect.stringMatching(/fell more than 5/),
    });
    expect(handler.stats.streams).toBe(0);
    await handler.close();
  });

  it('events of an executor that does not await are stored in call order', async () => {
    const executor: AgentExecutor = {
      async execute(_context, events) {
        void events.working();
        for (let i = 0; i < 40; i++)
          void events.addArtifact({ artifactId: `a${i}`, parts: [{ text: `${i}` }] });
        void events.complete();
      },
    };
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({ message: userMessage('go') });
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task?.artifacts?.map((a) => a.artifactId)).toEqual(
      Array.from({ length: 40 }, (_, i) => `a${i}`),
    );
    await handler.close();
  });

  it('resumeAfter replays the missed events, then live ones, with no gap and no duplicate', async () => {
    const { executor, release } = burstExecutor(10);
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({
      message: userMessage('go'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const live = collect(await handler.subscribeToTask({ id: task!.id }));
    release();
    await until(
      async () =>
        ((await handler.getTask({ id: task!.id })).artifacts?.[0]?.parts.length ?? 0) >= 4,
    );
    const resumed = await collect(
      await handler.subscribeToTask({ id: task!.id }, { resumeAfter: 1 }),
    );
    const seqs = resumed.map((item: StreamResponse) => sequenceOf(item));
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(resumed.map(kindOf).at(-1)).toBe('status:TASK_STATE_COMPLETED');
    expect((await live).map((item) => sequenceOf(item)).at(-1)).toBe(13);
    const after = await collect(
      await handler.subscribeToTask({ id: task!.id }, { resumeAfter: 13 }),
    );
    expect(after).toEqual([]);
    await handler.close();
  });
});
