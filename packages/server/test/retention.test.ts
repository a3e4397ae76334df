import { type Task } from '@baton/protocol';
import { describe, expect, it, vi } from 'vitest';

import { applyTaskEvent, type BatonStore, createInMemoryStore } from '../src/index.js';
import { echoExecutor, handlerWith, userMessage } from './helpers.js';

/** A store whose clock the test moves. */
function clockedStore(): { store: BatonStore; clock: { now: number } } {
  const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
  return { store: createInMemoryStore({ now: () => new Date(clock.now) }), clock };
}

async function seedTerminal(store: BatonStore, id: string): Promise<void> {
  const task: Task = {
    id,
    contextId: `ctx-${id}`,
    status: { state: 'TASK_STATE_SUBMITTED', timestamp: new Date().toISOString() },
    history: [userMessage('job', { taskId: id, contextId: `ctx-${id}` })],
  };
  await store.events.create({ tenant: '', owner: '' }, task);
  const status = { state: 'TASK_STATE_COMPLETED' as const, timestamp: new Date().toISOString() };
  await store.events.append(
    id,
    { statusUpdate: { taskId: id, contextId: task.contextId!, status } },
    (c, e) => applyTaskEvent(c.task, e),
  );
}

describe('retention', () => {
  it('purges terminal tasks older than maxAgeMs with their events', async () => {
    const { store, clock } = clockedStore();
    await seedTerminal(store, 'old');
    clock.now += 60_000;
    await seedTerminal(store, 'recent');
    const handler = handlerWith(echoExecutor, {
      store,
      recovery: 'none',
      retention: { maxAgeMs: 30_000, intervalMs: 3_600_000 },
    });
    await handler.ready;
    // The first purge runs at start, with the real clock: make both tasks look recent to it.
    const spy = vi.spyOn(Date, 'now').mockReturnValue(clock.now + 10_000);
    try {
      expect(await handler.purgeExpiredTasks()).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(await store.tasks.get({ tenant: '', owner: '' }, 'old')).toBeUndefined();
    expect(await store.events.read('old', 0)).toEqual([]);
    expect(await store.tasks.get({ tenant: '', owner: '' }, 'recent')).toBeDefined();
    await handler.close();
  });

  it('never touches unfinished tasks, however old', async () => {
    const { store } = clockedStore();
    const working = {
      execute: async (_: unknown, events: { working(): Promise<void> }) => events.working(),
    };
    const handler = handlerWith(working, {
      store,
      recovery: 'none',
      onUnfinished: 'input-required',
      retention: { maxAgeMs: 0 },
    });
    const result = await handler.sendMessage({ message: userMessage('hi') });
    expect(result.task?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(await handler.purgeExpiredTasks()).toBe(0);
    expect(await store.tasks.get({ tenant: '', owner: '' }, result.task!.id)).toBeDefined();
    await handler.close();
  });

  it('purges on its timer and stops when the handler closes', async () => {
    const { store } = clockedStore();
    const purge = vi.spyOn(store.tasks, 'purge');
    const handler = handlerWith(echoExecutor, {
      store,
      recovery: 'none',
      retention: { maxAgeMs: 1000, intervalMs: 20 },
    });
    await vi.waitFor(() => expect(purge.mock.calls.length).toBeGreaterThanOrEqual(3));
    await handler.close();
    const calls = purge.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(purge.mock.calls.length).toBe(calls);
  });

  it('refuses a negative age or a zero interval', () => {
    expect(() => handlerWith(echoExecutor, { retention: { maxAgeMs: -1 } })).toThrow(RangeError);
    expect(() => handlerWith(echoExecutor, { retention: { maxAgeMs: 1, intervalMs: 0 } })).toThrow(
      RangeError,
    );
  });
});
