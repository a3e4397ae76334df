import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type DefaultRequestHandler } from '../src/index.js';
import { collect, handlerWith, scenarioExecutor, userMessage } from './helpers.js';
import { allTargets, errorOf } from './targets.js';

describe('historyLength', () => {
  let handler: DefaultRequestHandler;
  let taskId: string;

  beforeEach(async () => {
    handler = handlerWith(scenarioExecutor());
    // History: input (user), working… no message, "which one?" (agent), blue (user), done (agent).
    const { task } = await handler.sendMessage({ message: userMessage('input') });
    taskId = task!.id;
    await handler.sendMessage({ message: userMessage('blue', { taskId }) });
  });
  afterEach(() => handler.close());

  const texts = (history: { parts: { text?: string }[] }[] | undefined) =>
    history?.map((m) => m.parts[0]?.text);

  it('GetTask: unset = everything, 0 = no history key, n = the n most recent in order', async () => {
    expect(texts((await handler.getTask({ id: taskId })).history)).toEqual([
      'input',
      'which one?',
      'blue',
      'done',
    ]);
    expect('history' in (await handler.getTask({ id: taskId, historyLength: 0 }))).toBe(false);
    expect(texts((await handler.getTask({ id: taskId, historyLength: 2 })).history)).toEqual([
      'blue',
      'done',
    ]);
    expect(texts((await handler.getTask({ id: taskId, historyLength: 99 })).history)).toHaveLength(
      4,
    );
  });

  it('negative or fractional values are InvalidParams on the handler and on the wire', async () => {
    expect((await errorOf(handler.getTask({ id: taskId, historyLength: -1 }))).code).toBe(-32602);
    expect((await errorOf(handler.listTasks({ historyLength: 1.5 }))).code).toBe(-32602);
    const send = handler.sendMessage({
      message: userMessage('x'),
      configuration: { historyLength: -2 },
    });
    expect((await errorOf(send)).fieldViolations[0]?.field).toBe('configuration.historyLength');
    const [, rpc10, rpc03] = allTargets(handler);
    expect((await errorOf(rpc10!.call('GetTask', { id: taskId, historyLength: -1 }))).code).toBe(
      -32602,
    );
    expect((await errorOf(rpc03!.call('GetTask', { id: taskId, historyLength: -1 }))).code).toBe(
      -32602,
    );
  });

  it('applies to SendMessage and ListTasks answers', async () => {
    const { task } = await handler.sendMessage({
      message: userMessage('hello'),
      configuration: { historyLength: 1 },
    });
    expect(texts(task?.history)).toEqual(['finished']);
    const none = await handler.sendMessage({
      message: userMessage('hello'),
      configuration: { historyLength: 0 },
    });
    expect(none.task && 'history' in none.task).toBe(false);
    const listed = await handler.listTasks({ historyLength: 1 });
    expect(listed.tasks.every((t) => t.history?.length === 1)).toBe(true);
    const stream = await collect(
      await handler.sendStreamingMessage({
        message: userMessage('input'),
        configuration: { historyLength: 0 },
      }),
    );
    expect(stream[0]?.task?.id).toBeTruthy();
  });

  it('in the 0.3 dialect 0 means no limit', async () => {
    const rpc03 = allTargets(handler)[2]!;
    const task = await rpc03.call('GetTask', { id: taskId, historyLength: 0 });
    expect(texts(task.history)).toHaveLength(4);
    const rpc10 = allTargets(handler)[1]!;
    expect((await rpc10.call('GetTask', { id: taskId, historyLength: 0 })).history).toBeUndefined();
  });
});
