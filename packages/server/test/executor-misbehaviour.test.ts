import { InvalidAgentResponseError, type Task } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type AgentExecutor, createInMemoryStore, type TaskEvents } from '../src/index.js';
import { collect, gate, handlerWith, kindOf, until, userMessage } from './helpers.js';

const statusText = (task: Task | undefined) => task?.status.message?.parts[0]?.text;

/** Runs `body` as the executor and returns what each write did. */
function probe(body: (events: TaskEvents) => Promise<unknown[]>) {
  const outcomes: unknown[] = [];
  const executor: AgentExecutor = {
    async execute(_context, events) {
      outcomes.push(...(await body(events)));
    },
  };
  return { executor, outcomes };
}

const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => error,
  );

describe('executor misbehaviour', () => {
  it('a synchronous throw fails the task with the error message and no stack', async () => {
    const executor = {
      execute() {
        throw new Error('boom sync');
      },
    } as unknown as AgentExecutor;
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    expect(task?.status.state).toBe('TASK_STATE_FAILED');
    expect(statusText(task)).toBe('The agent failed: boom sync');
    expect(JSON.stringify(task)).not.toMatch(/at .*\.ts:\d+/);
    await handler.close();
  });

  it('an async rejection after some work fails the task', async () => {
    const handler = handlerWith({
      async execute(_context, events) {
        await events.working();
        await events.addArtifact({ parts: [{ text: 'partial' }] });
        throw new TypeError('boom async');
      },
    });
    const items = await collect(await handler.sendStreamingMessage({ message: userMessage('x') }));
    expect(items.map(kindOf)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'artifact',
      'status:TASK_STATE_FAILED',
    ]);
    expect(items.at(-1)?.statusUpdate?.status.message?.parts[0]?.text).toBe(
      'The agent failed: boom async',
    );
    await handler.close();
  });

  it('writes after a terminal state are refused and change nothing', async () => {
    const { executor, outcomes } = probe(async (events) => {
      await events.complete('done');
      return [
        await settle(events.working()),
        await settle(events.addArtifact({ parts: [{ text: 'late' }] })),
        await settle(events.addMessage('late')),
        events.finished,
      ];
    });
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    await until(() => outcomes.length === 4);
    expect(outcomes.slice(0, 3).every((o) => InvalidAgentResponseError.isInstance(o))).toBe(true);
    expect(String((outcomes[0] as Error).message)).toMatch(/already TASK_STATE_COMPLETED/);
    expect(outcomes[3]).toBe(true);
    const stored = await handler.getTask({ id: task!.id });
    expect(stored.status.state).toBe('TASK_STATE_COMPLETED');
    expect(stored.artifacts).toBeUndefined();
    await handler.close();
  });

  it('a second direct reply, and task events after a reply, are refused', async () => {
    const { executor, outcomes } = probe(async (events) => [
      await settle(events.reply('first')),
      await settle(events.reply('second')),
      await settle(events.working()),
    ]);
    const handler = handlerWith(executor);
    const result = await handler.sendMessage({ message: userMessage('x') });
    expect(result.message?.parts[0]?.text).toBe('first');
    await until(() => outcomes.length === 3);
    expect(outcomes[0]).toBe('ok');
    expect((outcomes[1] as Error).message).toMatch(/already sent a direct reply/);
    expect((outcomes[2] as Error).message).toMatch(/after a direct reply/);
    expect((await handler.listTasks({})).totalSize).toBe(0);
    await handler.close();
  });

  it('a reply after task events, an event for another task and malformed content are refused', async () => {
    const { executor, outcomes } = probe(async (events) => {
      await events.working();
      const results = [
        await settle(events.reply('too late')),
        await settle(
          events.addMessage({ taskId: 'another-task', parts: [{ text: 'x' }] } as never),
        ),
        await settle(events.addArtifact({ parts: [] })),
        await settle(events.setStatus('TASK_STATE_BOGUS' as never)),
        await settle(events.addMessage({ parts: [{ text: 'a', data: 1 }] } as never)),
      ];
      await events.complete();
      return results;
    });
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    await until(() => outcomes.length === 5);
    for (const outcome of outcomes)
      expect(InvalidAgentResponseError.isInstance(outcome)).toBe(true);
    expect((outcomes[0] as Error).message).toMatch(/only possible before any task event/);
    expect((outcomes[1] as Error).message).toMatch(/another-task/);
    expect((outcomes[2] as Error).message).toMatch(/parts/);
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task?.history).toHaveLength(1);
    await handler.close();
  });

  it('returning while still working follows onUnfinished', async () => {
    const stops: AgentExecutor = { execute: async (_c, events) => void (await events.working()) };
    const silent: AgentExecutor = { execute: async () => {} };
    const fail = handlerWith(stops);
    const failed = await fail.sendMessage({ message: userMessage('x') });
    expect(failed.task?.status.state).toBe('TASK_STATE_FAILED');
    expect(statusText(failed.task)).toMatch(/stopped before finishing/);
    const nothing = await handlerWith(silent).sendMessage({ message: userMessage('x') });
    expect(nothing.task?.status.state).toBe('TASK_STATE_FAILED');
    const ask = handlerWith(stops, { onUnfinished: 'input-required' });
    expect((await ask.sendMessage({ message: userMessage('x') })).task?.status.state).toBe(
      'TASK_STATE_INPUT_REQUIRED',
    );

    let later!: TaskEvents;
    const keep = handlerWith(
      {
        execute: async (_c, events) => {
          later = events;
          await events.working();
        },
      },
      { onUnfinished: 'keep' },
    );
    const kept = await keep.sendMessage({
      message: userMessage('x'),
      configuration: { returnImmediately: true },
    });
    await until(() => later !== undefined && keep.stats.runs === 0);
    expect((await keep.getTask({ id: kept.task!.id })).status.state).toBe('TASK_STATE_WORKING');
    await later.complete('finished in the background');
    expect((await keep.getTask({ id: kept.task!.id })).status.state).toBe('TASK_STATE_COMPLETED');
    await Promise.all([fail.close(), ask.close(), keep.close()]);
  });

  it('an executor that never finishes is failed at shutdown; its waiters and streams end', async () => {
    const started = gate();
    const handler = handlerWith({
      async execute(_context, events) {
        await events.working();
        started.open();
        await new Promise(() => {});
      },
    });
    const blocking = handler.sendMessage({ message: userMessage('x') });
    await started.promise;
    const { task: other } = await handler.sendMessage({
      message: userMessage('y'),
      configuration: { returnImmediately: true },
    });
    const stream = collect(await handler.subscribeToTask({ id: other!.id }));
    await handler.close({ graceMs: 20 });
    const { task } = await blocking;
    expect(task?.status.state).toBe('TASK_STATE_FAILED');
    expect(statusText(task)).toBe('The server shut down before the task finished.');
    expect((await stream).map(kindOf).at(-1)).toBe('status:TASK_STATE_FAILED');
    await expect(handler.sendMessage({ message: userMessage('z') })).rejects.toMatchObject({
      code: -32004,
    });
    expect(handler.stats).toEqual({ activeTasks: 0, runs: 0, streams: 0, pushDeliveries: 0 });
  });

  it('an executor that stops on the shutdown signal gets its task failed as shut down', async () => {
    const store = createInMemoryStore();
    const handler = handlerWith(
      {
        async execute(context, events) {
          await events.working();
          await new Promise((_resolve, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        },
      },
      { store },
    );
    const { task } = await handler.sendMessage({
      message: userMessage('x'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const started = Date.now();
    // Far below the grace: the executor stopped on the signal, close did not wait the grace out.
    await handler.close({ graceMs: 15_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    const stored = await store.tasks.get({ tenant: '', owner: '' }, task!.id);
    expect(stored?.task.status.state).toBe('TASK_STATE_FAILED');
    expect(statusText(stored?.task)).toMatch(/shut down/);
  });
});

describe('fire-and-forget writes', () => {
  it('a refused write that nobody awaits is no unhandled rejection', async () => {
    const handler = handlerWith({
      async execute(_context, events) {
        await events.complete();
        void events.working();
        void events.addArtifact({ parts: [] });
        void events.addMessage({ taskId: 'elsewhere', parts: [{ text: 'x' }] } as never);
        void events.reply('late');
      },
    });
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');
    await handler.close();
  });
});
