// A2A.md §10 "Auth" (AUTH-*) and §8 authorization scoping: every operation sees only the caller's
// (and tenant's) tasks; anything else is TaskNotFound, never a hint that it exists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type CallContext, type DefaultRequestHandler } from '../../src/index.js';
import { collect, handlerWith, scenarioExecutor, userMessage } from '../helpers.js';
import { allTargets, errorOf, type Target, TARGET_NAMES } from '../targets.js';

const alice: CallContext = { caller: { id: 'alice' } };
const bob: CallContext = { caller: { id: 'bob' } };
const aliceElsewhere: CallContext = { caller: { id: 'alice' }, tenant: 'other-tenant' };

describe.each(TARGET_NAMES)('auth scoping via %s', (name) => {
  let handler: DefaultRequestHandler;
  let target: Target;
  let taskId: string;

  beforeEach(async () => {
    handler = handlerWith(scenarioExecutor());
    target = allTargets(handler).find((t) => t.name === name)!;
    const { task } = await target.call('SendMessage', { message: userMessage('input') }, alice);
    taskId = task!.id;
  });
  afterEach(() => handler.close({ graceMs: 50 }));

  for (const [who, context] of [
    ['another caller', bob],
    ['another tenant', aliceElsewhere],
  ] as const) {
    it(`${who} gets TaskNotFound from every task operation`, async () => {
      const calls: Promise<unknown>[] = [
        target.call('GetTask', { id: taskId }, context),
        target.call('CancelTask', { id: taskId }, context),
        target.call('SendMessage', { message: userMessage('x', { taskId }) }, context),
        target.stream('SubscribeToTask', { id: taskId }, context),
        target.call(
          'CreateTaskPushNotificationConfig',
          { taskId, url: 'https://h.example.com' },
          context,
        ),
        target.call('GetTaskPushNotificationConfig', { taskId, id: 'x' }, context),
        target.call('ListTaskPushNotificationConfigs', { taskId }, context),
        target.call('DeleteTaskPushNotificationConfig', { taskId, id: 'x' }, context),
      ];
      for (const call of calls) {
        const error = await errorOf(call);
        expect(error.code).toBe(-32001);
        expect(error.message).not.toMatch(/alice|owner|tenant/i);
      }
      expect((await handler.getTask({ id: taskId }, alice)).status.state).toBe(
        'TASK_STATE_INPUT_REQUIRED',
      );
    });
  }

  it('the owner reaches the task on every operation', async () => {
    expect((await target.call('GetTask', { id: taskId }, alice)).id).toBe(taskId);
    const stream = await target.stream('SubscribeToTask', { id: taskId }, alice);
    const first = await collect(stream, 1);
    expect(first[0]?.event.task?.id).toBe(taskId);
    expect((await target.call('CancelTask', { id: taskId }, alice)).status.state).toBe(
      'TASK_STATE_CANCELED',
    );
  });

  it('the anonymous caller does not see a named caller’s tasks', async () => {
    expect((await errorOf(target.call('GetTask', { id: taskId }))).code).toBe(-32001);
  });
});

describe('ListTasks scoping', () => {
  it('lists only the caller’s tasks of the tenant, even without filters', async () => {
    const handler = handlerWith(scenarioExecutor());
    await handler.sendMessage({ message: userMessage('a') }, alice);
    await handler.sendMessage({ message: userMessage('b') }, alice);
    await handler.sendMessage({ message: userMessage('c') }, bob);
    await handler.sendMessage({ message: userMessage('d') }, aliceElsewhere);
    expect((await handler.listTasks({}, alice)).totalSize).toBe(2);
    expect((await handler.listTasks({}, bob)).totalSize).toBe(1);
    expect((await handler.listTasks({}, aliceElsewhere)).totalSize).toBe(1);
    expect((await handler.listTasks({})).totalSize).toBe(0);
    expect(
      (await handler.listTasks({ tenant: 'other-tenant' }, { caller: { id: 'alice' } })).totalSize,
    ).toBe(1);
    await handler.close();
  });
});
