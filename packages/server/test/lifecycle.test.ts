import { type Message } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type AgentExecutor, type RequestContext } from '../src/index.js';
import {
  card,
  collect,
  gate,
  handlerWith,
  kindOf,
  scenarioExecutor,
  until,
  userMessage,
} from './helpers.js';
import { errorOf } from './targets.js';

const textOf = (message: Message | undefined) => message?.parts.map((p) => p.text).join('');

describe('task lifecycle', () => {
  it('queues a message to a running task and runs it after, with context.task set', async () => {
    const seen: { text: string; state: string | undefined }[] = [];
    const release = gate();
    const executor: AgentExecutor = {
      async execute(context, events) {
        seen.push({ text: textOf(context.message)!, state: context.task?.status.state });
        await events.working();
        if (textOf(context.message) === 'first') await release.promise;
        await events.requireInput(`answered ${textOf(context.message)}`);
      },
    };
    const handler = handlerWith(executor);
    const first = await handler.sendMessage({
      message: userMessage('first'),
      configuration: { returnImmediately: true },
    });
    const taskId = first.task!.id;
    const second = handler.sendMessage({ message: userMessage('second', { taskId }) });
    await until(() => seen.length === 1);
    release.open();
    const { task } = await second;
    expect(seen).toEqual([
      { text: 'first', state: undefined },
      { text: 'second', state: 'TASK_STATE_INPUT_REQUIRED' },
    ]);
    expect(task?.history?.map(textOf)).toEqual([
      'first',
      'answered first',
      'second',
      'answered second',
    ]);
    await handler.close();
  });

  it('refuses a queued message when the running execution ends the task', async () => {
    const executor = scenarioExecutor();
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    const queued = handler.sendMessage({ message: userMessage('late', { taskId: task!.id }) });
    await until(() => handler.stats.runs === 2);
    executor.release();
    const error = await errorOf(queued);
    expect(error.code).toBe(-32004);
    expect(error.message).toMatch(/COMPLETED/);
    await handler.close();
  });

  it('returnImmediately on a queued message answers the current task at once', async () => {
    const executor = scenarioExecutor();
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const queued = await handler.sendMessage({
      message: userMessage('later', { taskId: task!.id }),
      configuration: { returnImmediately: true },
    });
    expect(queued.task?.status.state).toBe('TASK_STATE_WORKING');
    await handler.close({ graceMs: 10 });
  });

  it('a streamed continuation starts with the task snapshot, working again', async () => {
    const handler = handlerWith(scenarioExecutor());
    const { task } = await handler.sendMessage({ message: userMessage('input') });
    const items = await collect(
      await handler.sendStreamingMessage({ message: userMessage('blue', { taskId: task!.id }) }),
    );
    expect(items.map(kindOf)).toEqual([
      'task:TASK_STATE_WORKING',
      'artifact',
      'status:TASK_STATE_COMPLETED',
    ]);
    expect(items[0]?.task?.history?.map(textOf).at(-1)).toBe('blue');
    await handler.close();
  });

  it('an answer to an interrupted task that the executor ignores still settles', async () => {
    let calls = 0;
    const executor: AgentExecutor = {
      async execute(_context, events) {
        if (calls++ === 0) await events.requireInput('which one?');
      },
    };
    for (const onUnfinished of ['fail', 'input-required'] as const) {
      const handler = handlerWith(executor, { onUnfinished });
      calls = 0;
      const { task } = await handler.sendMessage({ message: userMessage('start') });
      const answer = await handler.sendMessage({ message: userMessage('a', { taskId: task!.id }) });
      expect(answer.task?.status.state).toBe(
        onUnfinished === 'fail' ? 'TASK_STATE_FAILED' : 'TASK_STATE_INPUT_REQUIRED',
      );
      const streaming = handler.sendStreamingMessage({
        message: userMessage('b', { taskId: task!.id }),
      });
      if (onUnfinished === 'input-required') {
        expect((await collect(await streaming)).map(kindOf)).toEqual([
          'task:TASK_STATE_WORKING',
          'status:TASK_STATE_INPUT_REQUIRED',
        ]);
      } else {
        expect((await errorOf(streaming)).code).toBe(-32004);
      }
      await handler.close();
    }
  });

  it('gives the executor its conversation, direct replies included', async () => {
    const histories: string[][] = [];
    const executor: AgentExecutor = {
      async execute(context: RequestContext, events) {
        histories.push((await context.history()).map((entry) => textOf(entry.message)!));
        if (textOf(context.message) === 'hello') await events.reply('hi there');
        else await events.complete(`done ${textOf(context.message)}`);
      },
    };
    const handler = handlerWith(executor);
    const reply = await handler.sendMessage({
      message: userMessage('hello', { contextId: 'conv' }),
    });
    expect(reply.message?.contextId).toBe('conv');
    await handler.sendMessage({ message: userMessage('task one', { contextId: 'conv' }) });
    await handler.sendMessage({ message: userMessage('task two', { contextId: 'conv' }) });
    expect(histories).toEqual([
      [],
      ['hello', 'hi there'],
      ['hello', 'hi there', 'task one', 'done task one'],
    ]);
    await handler.close();
  });

  it('cancel calls executor.cancel, drops queued messages, and gives up on a hanging cancel', async () => {
    const calls: string[] = [];
    const executor: AgentExecutor = {
      async execute(context, events) {
        await events.working();
        await new Promise<void>((resolve) =>
          context.signal.addEventListener('abort', () => resolve()),
        );
        calls.push('aborted');
      },
      async cancel(context, events) {
        calls.push(`cancel ${context.taskId === events.taskId}`);
        await events.setStatus('TASK_STATE_CANCELED', 'stopped by the agent');
      },
    };
    const handler = handlerWith(executor);
    const { task } = await handler.sendMessage({
      message: userMessage('x'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const queued = handler.sendMessage({ message: userMessage('y', { taskId: task!.id }) });
    const canceled = await handler.cancelTask({ id: task!.id });
    expect(canceled.status.message?.parts[0]?.text).toBe('stopped by the agent');
    expect(calls).toEqual(['aborted', 'cancel true']);
    expect((await errorOf(queued)).message).toMatch(/canceled/);

    const hanging = handlerWith(
      {
        async execute(_c, events) {
          await events.requireInput('?');
        },
        cancel: () => new Promise(() => {}),
      },
      { cancelTimeoutMs: 20 },
    );
    const open = await hanging.sendMessage({ message: userMessage('x') });
    const result = await hanging.cancelTask({ id: open.task!.id });
    expect(result.status.state).toBe('TASK_STATE_CANCELED');
    expect(result.status.message?.parts[0]?.text).toBe('The task was canceled.');
    await Promise.all([handler.close(), hanging.close()]);
  });

  it('activates the requested extensions the card declares, ignoring the others', async () => {
    const declared = 'https://example.com/ext/citations/v1';
    let seen: readonly string[] = [];
    const handler = handlerWith(
      {
        execute: async (context, events) =>
          void ((seen = context.extensions), await events.complete()),
      },
      { agentCard: card({ capabilities: { extensions: [{ uri: declared }] } }) },
    );
    await handler.sendMessage(
      { message: userMessage('x') },
      { requestedExtensions: [declared, 'https://example.com/unknown/v1'] },
    );
    expect(seen).toEqual([declared]);
    await handler.close();
  });

  it('close() is idempotent, refuses new work and ends open streams cleanly', async () => {
    const handler = handlerWith(scenarioExecutor());
    const { task } = await handler.sendMessage({ message: userMessage('input') });
    const stream = collect(await handler.subscribeToTask({ id: task!.id }));
    const closing = handler.close({ graceMs: 10 });
    expect(handler.close()).toBe(closing);
    await closing;
    expect((await stream).map(kindOf)).toEqual(['task:TASK_STATE_INPUT_REQUIRED']);
    expect((await errorOf(handler.sendMessage({ message: userMessage('x') }))).message).toMatch(
      /shutting down/,
    );
    expect((await errorOf(handler.subscribeToTask({ id: task!.id }))).code).toBe(-32004);
  });
});
