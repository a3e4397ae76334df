import { PayloadTooLargeError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type AgentExecutor } from '../src/index.js';
import { collect, gate, handlerWith, scenarioExecutor, until, userMessage } from './helpers.js';
import { errorOf } from './targets.js';

describe('bounds', () => {
  it('refuses a message with too many parts, naming the field', async () => {
    const handler = handlerWith(scenarioExecutor(), { limits: { maxPartsPerMessage: 3 } });
    const message = userMessage('x');
    message.parts = Array.from({ length: 4 }, (_, i) => ({ text: `${i}` }));
    const error = await errorOf(handler.sendMessage({ message }));
    expect(error.code).toBe(-32602);
    expect(error.fieldViolations).toEqual([
      { field: 'message.parts', description: 'at most 3 parts' },
    ]);
    message.parts = message.parts.slice(0, 3);
    expect((await handler.sendMessage({ message })).task?.status.state).toBe(
      'TASK_STATE_COMPLETED',
    );
    await handler.close();
  });

  it('refuses a message that is too big', async () => {
    const handler = handlerWith(scenarioExecutor(), { limits: { maxMessageBytes: 1024 } });
    const error = await errorOf(handler.sendMessage({ message: userMessage('x'.repeat(2000)) }));
    expect(PayloadTooLargeError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/at most 1024 bytes/);
    expect((await handler.listTasks({})).totalSize).toBe(0);
    await handler.close();
  });

  it('queues messages for a running task up to the limit, then refuses', async () => {
    const release = gate();
    const executor: AgentExecutor = {
      async execute(_context, events) {
        await events.working();
        await release.promise;
        await events.requireInput('next?');
      },
    };
    const handler = handlerWith(executor, { limits: { maxQueuedMessagesPerTask: 2 } });
    const { task } = await handler.sendMessage({
      message: userMessage('first'),
      configuration: { returnImmediately: true },
    });
    const taskId = task!.id;
    const queued = [1, 2].map((i) =>
      handler.sendMessage({ message: userMessage(`q${i}`, { taskId }) }),
    );
    const error = await errorOf(
      handler.sendMessage({ message: userMessage('overflow', { taskId }) }),
    );
    expect(error.code).toBe(-32004);
    expect(error.message).toMatch(/2 messages waiting/);
    release.open();
    const answers = await Promise.all(queued);
    expect(answers.map((a) => a.task?.status.state)).toEqual([
      'TASK_STATE_INPUT_REQUIRED',
      'TASK_STATE_INPUT_REQUIRED',
    ]);
    const history = (await handler.getTask({ id: taskId })).history!.map((m) => m.parts[0]?.text);
    expect(history).toEqual(['first', 'next?', 'q1', 'next?', 'q2', 'next?']);
    await handler.close({ graceMs: 10 });
  });

  it('refuses a stream beyond maxStreamsPerTask', async () => {
    const handler = handlerWith(scenarioExecutor(), { limits: { maxStreamsPerTask: 2 } });
    const { task } = await handler.sendMessage({ message: userMessage('input') });
    const open = [
      await handler.subscribeToTask({ id: task!.id }),
      await handler.subscribeToTask({ id: task!.id }),
    ];
    expect((await errorOf(handler.subscribeToTask({ id: task!.id }))).code).toBe(-32004);
    const streaming = await errorOf(
      handler.sendStreamingMessage({ message: userMessage('x', { taskId: task!.id }) }),
    );
    expect(streaming.code).toBe(-32004);
    const iterator = open[0]![Symbol.asyncIterator]();
    await iterator.return?.();
    const third = await handler.subscribeToTask({ id: task!.id });
    expect((await collect(third, 1))[0]?.task?.id).toBe(task!.id);
    await handler.close();
  });

  it('refuses a push config beyond maxPushConfigsPerTask, in every way one is created', async () => {
    const posted: string[] = [];
    const handler = handlerWith(scenarioExecutor(), {
      limits: { maxPushConfigsPerTask: 3 },
      // Webhook calls are recorded here, never sent.
      push: {
        fetch: async (input) => {
          posted.push(String(input));
          return new Response(null, { status: 200 });
        },
      },
    });
    const url = 'https://hooks.example.com/a2a';
    // The first config comes with the message that makes the task.
    const { task } = await handler.sendMessage({
      message: userMessage('input'),
      configuration: { taskPushNotificationConfig: { id: 'first', url } },
    });
    const taskId = task!.id;
    // Concurrent creations cannot pass the bound together.
    const created = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        handler.createTaskPushNotificationConfig({ taskId, url: `${url}/${i}` }),
      ),
    );
    expect(created.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    const refused = await errorOf(handler.createTaskPushNotificationConfig({ taskId, url }));
    expect(refused.code).toBe(-32004);
    expect(refused.message).toMatch(/already has 3 push notification configs/);
    // Replacing a config by its id is not a new one.
    const replaced = await handler.createTaskPushNotificationConfig({
      taskId,
      id: 'first',
      url: `${url}/replaced`,
    });
    expect(replaced.url).toBe(`${url}/replaced`);
    // A message continuing the task with a config of a new id is refused before it runs.
    const inline = await errorOf(
      handler.sendMessage({
        message: userMessage('more', { taskId }),
        configuration: { taskPushNotificationConfig: { id: 'fourth', url } },
      }),
    );
    expect(inline.code).toBe(-32004);
    expect((await handler.getTask({ id: taskId })).status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const { configs } = await handler.listTaskPushNotificationConfigs({ taskId });
    expect(configs).toHaveLength(3);
    // Deleting one makes room again.
    await handler.deleteTaskPushNotificationConfig({ taskId, id: 'first' });
    await handler.createTaskPushNotificationConfig({ taskId, id: 'again', url });
    expect((await handler.listTaskPushNotificationConfigs({ taskId })).configs).toHaveLength(3);
    await handler.close({ graceMs: 10 });
  });

  it('keeps at most maxHistoryPerTask messages, dropping the oldest', async () => {
    const executor: AgentExecutor = {
      async execute(_context, events) {
        for (let i = 0; i < 10; i++) await events.addMessage(`note ${i}`);
        await events.complete('last');
      },
    };
    const handler = handlerWith(executor, { limits: { maxHistoryPerTask: 4 } });
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    expect(task?.history?.map((m) => m.parts[0]?.text)).toEqual([
      'note 7',
      'note 8',
      'note 9',
      'last',
    ]);
    await handler.close();
  });

  it('refuses an artifact that grows past maxArtifactBytes', async () => {
    const outcomes: unknown[] = [];
    const executor: AgentExecutor = {
      async execute(_context, events) {
        await events.addArtifact({ artifactId: 'a', parts: [{ text: 'x'.repeat(300) }] });
        outcomes.push(
          await events
            .addArtifact({ artifactId: 'a', parts: [{ text: 'y'.repeat(300) }] }, { append: true })
            .catch((error: unknown) => error),
        );
        await events.complete();
      },
    };
    const handler = handlerWith(executor, { limits: { maxArtifactBytes: 500 } });
    const { task } = await handler.sendMessage({ message: userMessage('x') });
    await until(() => outcomes.length === 1);
    expect((outcomes[0] as Error).message).toMatch(/limit is 500/);
    expect(task?.artifacts?.[0]?.parts).toHaveLength(1);
    await handler.close();
  });
});
