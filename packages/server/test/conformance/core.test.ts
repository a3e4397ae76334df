// A2A.md §10 "Core" (CORE-*): SendMessage, GetTask, CancelTask, blocking, validation, capability
// errors and context/task id rules — on the handler and through JSON-RPC in both dialects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type DefaultRequestHandler } from '../../src/index.js';
import { card, handlerWith, scenarioExecutor, until, userMessage } from '../helpers.js';
import { allTargets, errorOf, type Target, TARGET_NAMES } from '../targets.js';

describe.each(TARGET_NAMES)('core MUSTs via %s', (name) => {
  let handler: DefaultRequestHandler;
  let target: Target;
  let executor: ReturnType<typeof scenarioExecutor>;

  beforeEach(() => {
    executor = scenarioExecutor();
    handler = handlerWith(executor);
    target = allTargets(handler).find((t) => t.name === name)!;
  });
  afterEach(() => handler.close({ graceMs: 50 }));

  it('SendMessage returns a task with id, contextId and the final status', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('hello') });
    expect(task?.id).toBeTruthy();
    expect(task?.contextId).toBeTruthy();
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task?.artifacts?.[0]?.parts[0]?.text).toBe('echo: hello');
    expect(task?.history?.[0]?.parts[0]?.text).toBe('hello');
  });

  it('SendMessage returns a direct message with the contextId and no task', async () => {
    const result = await target.call('SendMessage', { message: userMessage('reply now') });
    expect(result.task).toBeUndefined();
    expect(result.message?.role).toBe('ROLE_AGENT');
    expect(result.message?.contextId).toBeTruthy();
    expect(result.message?.taskId).toBeUndefined();
    expect(result.message?.parts[0]?.text).toBe('reply to reply now');
  });

  it('rejects a message to a terminal task with UnsupportedOperationError', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('one') });
    const error = await errorOf(
      target.call('SendMessage', { message: userMessage('two', { taskId: task!.id }) }),
    );
    expect(error.code).toBe(-32004);
  });

  it('rejects an unaccepted part media type with ContentTypeNotSupportedError', async () => {
    const message = userMessage('x');
    message.parts = [
      { url: 'https://files.example.com/x', mediaType: 'application/x-unsupported-tck-type' },
    ];
    const error = await errorOf(target.call('SendMessage', { message }));
    expect(error.code).toBe(-32005);
  });

  it('rejects a message to an unknown task with TaskNotFoundError', async () => {
    const error = await errorOf(
      target.call('SendMessage', { message: userMessage('x', { taskId: 'no-such-task' }) }),
    );
    expect(error.code).toBe(-32001);
  });

  it('GetTask returns the task, TaskNotFoundError for an unknown id', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('get me') });
    const got = await target.call('GetTask', { id: task!.id });
    expect(got).toMatchObject({ id: task!.id, status: { state: 'TASK_STATE_COMPLETED' } });
    expect((await errorOf(target.call('GetTask', { id: 'missing' }))).code).toBe(-32001);
  });

  it('CancelTask cancels a working task and answers the canceled task', async () => {
    const { task } = await target.call('SendMessage', {
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const canceled = await target.call('CancelTask', { id: task!.id });
    expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
    expect((await handler.getTask({ id: task!.id })).status.state).toBe('TASK_STATE_CANCELED');
  });

  it('CancelTask on a terminal task gives TaskNotCancelableError, unknown gives TaskNotFound', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('done') });
    expect((await errorOf(target.call('CancelTask', { id: task!.id }))).code).toBe(-32002);
    expect((await errorOf(target.call('CancelTask', { id: 'missing' }))).code).toBe(-32001);
  });

  it('blocking SendMessage waits for an interrupted state; returnImmediately does not wait', async () => {
    const interrupted = await target.call('SendMessage', { message: userMessage('input') });
    expect(interrupted.task?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const immediate = await target.call('SendMessage', {
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    expect(['TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING']).toContain(immediate.task?.status.state);
    executor.release();
    await until(
      async () =>
        (await handler.getTask({ id: immediate.task!.id })).status.state === 'TASK_STATE_COMPLETED',
    );
  });

  it('continues an input-required task with the same taskId, inferring the contextId', async () => {
    const first = await target.call('SendMessage', { message: userMessage('input') });
    const { id, contextId } = first.task!;
    const second = await target.call('SendMessage', {
      message: userMessage('blue', { taskId: id }),
    });
    expect(second.task).toMatchObject({ id, contextId, status: { state: 'TASK_STATE_COMPLETED' } });
    expect(second.task?.artifacts?.[0]?.parts[0]?.text).toBe('got blue');
    expect(second.task?.history?.map((m) => m.role)).toEqual([
      'ROLE_USER',
      'ROLE_AGENT',
      'ROLE_USER',
      'ROLE_AGENT',
    ]);
  });

  it('accepts a client contextId and rejects a taskId with a different contextId', async () => {
    const { task } = await target.call('SendMessage', {
      message: userMessage('input', { contextId: 'my-context' }),
    });
    expect(task?.contextId).toBe('my-context');
    const error = await errorOf(
      target.call('SendMessage', {
        message: userMessage('x', { taskId: task!.id, contextId: 'another-context' }),
      }),
    );
    expect(error.code).toBe(-32602);
  });

  it('a follow-up after a terminal task starts a new task in the same context', async () => {
    const first = await target.call('SendMessage', { message: userMessage('one') });
    const contextId = first.task!.contextId!;
    const second = await target.call('SendMessage', { message: userMessage('two', { contextId }) });
    expect(second.task?.contextId).toBe(contextId);
    expect(second.task?.id).not.toBe(first.task?.id);
  });

  it('validates input: a message without parts is InvalidParams', async () => {
    const message = userMessage('x');
    message.parts = [];
    const error = await errorOf(target.call('SendMessage', { message }));
    expect(error.code).toBe(-32602);
    if (target.version === '1.0') {
      expect(error.fieldViolations.map((v) => v.field)).toContain('message.parts');
    }
  });

  it('historyLength is never exceeded', async () => {
    const first = await target.call('SendMessage', { message: userMessage('input') });
    await target.call('SendMessage', { message: userMessage('more', { taskId: first.task!.id }) });
    const one = await target.call('GetTask', { id: first.task!.id, historyLength: 1 });
    expect(one.history).toHaveLength(1);
    expect(one.history?.[0]?.role).toBe('ROLE_AGENT');
    const all = await target.call('GetTask', { id: first.task!.id });
    expect(all.history!.length).toBeGreaterThan(1);
  });
});

describe.each(TARGET_NAMES)('capability errors via %s', (name) => {
  const reach = (options: Parameters<typeof handlerWith>[1]) => {
    const handler = handlerWith(scenarioExecutor(), options);
    return { handler, target: allTargets(handler).find((t) => t.name === name)! };
  };

  it('push config operations without capabilities.pushNotifications → -32003', async () => {
    const { handler, target } = reach({ agentCard: card({ capabilities: { streaming: true } }) });
    const { task } = await target.call('SendMessage', { message: userMessage('x') });
    const taskId = task!.id;
    const url = 'https://hooks.example.com/a2a';
    const calls = [
      target.call('CreateTaskPushNotificationConfig', { taskId, url }),
      target.call('GetTaskPushNotificationConfig', { taskId, id: 'c' }),
      target.call('ListTaskPushNotificationConfigs', { taskId }),
      target.call('DeleteTaskPushNotificationConfig', { taskId, id: 'c' }),
      target.call('SendMessage', {
        message: userMessage('y'),
        configuration: { taskPushNotificationConfig: { url } },
      }),
    ];
    for (const call of calls) expect((await errorOf(call)).code).toBe(-32003);
    await handler.close();
  });

  it('streaming without capabilities.streaming → UnsupportedOperationError', async () => {
    const { handler, target } = reach({ agentCard: card({ capabilities: {} }) });
    const { task } = await target.call('SendMessage', { message: userMessage('input') });
    expect(
      (await errorOf(target.stream('SendStreamingMessage', { message: userMessage('x') }))).code,
    ).toBe(-32004);
    expect((await errorOf(target.stream('SubscribeToTask', { id: task!.id }))).code).toBe(-32004);
    await handler.close();
  });

  it('extended card: undeclared → -32004, declared but absent → -32007, anonymous → -32040', async () => {
    const off = reach({});
    expect((await errorOf(off.target.call('GetExtendedAgentCard', {}))).code).toBe(-32004);
    const declared = card({ capabilities: { extendedAgentCard: true } });
    const absent = reach({ agentCard: declared });
    const alice = { caller: { id: 'alice' } };
    expect((await errorOf(absent.target.call('GetExtendedAgentCard', {}, alice))).code).toBe(
      -32007,
    );
    const extended = { ...declared, name: 'Extended' };
    const present = reach({
      agentCard: declared,
      extendedAgentCard: (c) => ({ ...extended, description: c.id }),
    });
    expect((await errorOf(present.target.call('GetExtendedAgentCard', {}))).code).toBe(-32040);
    const got = await present.target.call('GetExtendedAgentCard', {}, alice);
    expect(got.name).toBe('Extended');
    if (name !== 'jsonrpc 0.3') expect(got.description).toBe('alice');
    await Promise.all([off.handler.close(), absent.handler.close(), present.handler.close()]);
  });

  it('a required extension not requested → ExtensionSupportRequiredError', async () => {
    const uri = 'https://example.com/ext/required/v1';
    const { handler, target } = reach({
      agentCard: card({ capabilities: { extensions: [{ uri, required: true }] } }),
    });
    expect((await errorOf(target.call('SendMessage', { message: userMessage('x') }))).code).toBe(
      -32008,
    );
    const ok = await target.call(
      'SendMessage',
      { message: userMessage('x') },
      { requestedExtensions: [uri] },
    );
    expect(ok.task?.status.state).toBe('TASK_STATE_COMPLETED');
    await handler.close();
  });
});
