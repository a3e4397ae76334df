import { randomUUID } from 'node:crypto';

import { type Artifact, type Message, type StreamResponse, type Task } from '@baton/protocol';
import { silentLogger } from '@baton/server';
import { listenWebSocket } from '@baton/transport-ws/node';
import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { afterAll, describe, expect, it } from 'vitest';

import { allDrivers, type BindingDriver, type Outcome } from '../src/drivers.js';
import { startAgent } from '../src/harness.js';
import { startWebhookReceiver } from '../src/webhook-receiver.js';

const agent = await startAgent({ card: conformanceAgentCard, executor: conformanceExecutor });
// The same handler behind a WebSocket endpoint of its own: every binding reaches one agent.
const webSocket = await listenWebSocket(agent.handler, { logger: silentLogger });
const receiver = await startWebhookReceiver();
const drivers = allDrivers(agent.url, webSocket.url);
afterAll(async () => {
  for (const driver of drivers) await driver.close();
  await webSocket.close();
  await agent.close();
  await receiver.close();
});

/** What each binding answered per scenario, compared across bindings at the end. */
const answers = new Map<string, Map<string, unknown>>();
function record(scenario: string, driver: BindingDriver, value: unknown): void {
  if (!answers.has(scenario)) answers.set(scenario, new Map());
  answers.get(scenario)!.set(driver.name, value);
}

function user(text: string, extra: Partial<Message> = {}): Message {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

async function ok<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(`unexpected error ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function errorCode(outcome: Promise<Outcome<unknown>>): Promise<number> {
  const result = await outcome;
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error.code;
}

/** An artifact without its generated id, for comparison. */
const shape = ({ artifactId: _id, ...rest }: Artifact) => rest;
const kinds = (events: StreamResponse[]) => events.map((event) => Object.keys(event)[0]);

describe.each(drivers.map((driver) => [driver.name, driver] as const))('%s', (_name, driver) => {
  const send = (text: string, extra: Partial<Message> = {}, configuration?: object) =>
    driver.call('SendMessage', { message: user(text, extra), configuration });
  const task = async (text: string, configuration?: object): Promise<Task> => {
    const result = await ok(send(text, {}, configuration));
    expect(result.task).toBeDefined();
    return result.task!;
  };

  it('SendMessage: a direct message reply', async () => {
    const { message } = await ok(send('message hello there'));
    expect(message).toMatchObject({
      role: 'ROLE_AGENT',
      parts: [{ text: 'message: hello there' }],
    });
    expect(message!.contextId).toBeTruthy();
    expect(message!.taskId).toBeUndefined();
    record('direct reply', driver, message!.parts);
  });

  it('SendMessage: working → artifact → completed', async () => {
    const done = await task('complete build it');
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    expect(done.artifacts!.map(shape)).toEqual([
      { name: 'result', parts: [{ text: 'done: build it' }] },
    ]);
    expect(done.history?.[0]?.parts).toEqual([{ text: 'complete build it' }]);
    record('completed', driver, done.artifacts!.map(shape));
  });

  it('input-required, then the next message on the task completes it', async () => {
    const waiting = await task('input');
    expect(waiting.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const next = { taskId: waiting.id, contextId: waiting.contextId };
    const { task: done } = await ok(send('more details', next));
    expect(done!.id).toBe(waiting.id);
    expect(done!.status.state).toBe('TASK_STATE_COMPLETED');
    expect(done!.artifacts!.map(shape)).toEqual([
      { name: 'input', parts: [{ text: 'received: more details' }] },
    ]);
  });

  it.each([
    ['reject', 'TASK_STATE_REJECTED'],
    ['fail', 'TASK_STATE_FAILED'],
    ['throw', 'TASK_STATE_FAILED'],
    ['auth', 'TASK_STATE_AUTH_REQUIRED'],
  ])('%s ends in %s', async (command, state) => {
    const result = await task(command);
    expect(result.status.state).toBe(state);
    expect(result.status.message?.role).toBe('ROLE_AGENT');
  });

  it('carries every artifact kind intact', async () => {
    const done = await task('artifacts');
    const artifacts = done.artifacts!.map(shape);
    expect(artifacts.map((a) => a.name)).toEqual([
      'text',
      'raw',
      'url',
      'data',
      'data-array',
      'mixed',
    ]);
    expect(artifacts[1]!.parts[0]).toMatchObject({
      filename: 'bytes.bin',
      mediaType: 'application/octet-stream',
    });
    expect(atob(artifacts[1]!.parts[0]!.raw!)).toBe('Baton conformance bytes\n');
    expect(artifacts[2]!.parts[0]).toEqual({
      url: 'https://example.com/report.pdf',
      mediaType: 'application/pdf',
    });
    expect(artifacts[3]!.parts[0]!.data).toEqual({ answer: 42, nested: { ok: true } });
    // A 0.3 DataPart has no media type: compare what both versions can carry.
    const comparable = artifacts.map((artifact) => ({
      ...artifact,
      parts: artifact.parts.map(({ mediaType, ...part }) =>
        part.data === undefined ? { ...part, mediaType } : part,
      ),
    }));
    record('artifacts', driver, comparable);
  });

  it('GetTask: the task with at most historyLength messages; TaskNotFound otherwise', async () => {
    const done = await task('complete x');
    const got = await ok(driver.call('GetTask', { id: done.id, historyLength: 1 }));
    expect(got.id).toBe(done.id);
    expect(got.status.state).toBe('TASK_STATE_COMPLETED');
    expect(got.history!.length).toBeLessThanOrEqual(1);
    expect(await errorCode(driver.call('GetTask', { id: 'no-such-task' }))).toBe(-32001);
  });

  // 0.3 has no ListTasks method: the case exists only for the dialects that have one.
  const listTasksIt = driver.supports('ListTasks') ? it : () => undefined;
  listTasksIt('ListTasks: by context, paged', async () => {
    const contextId = randomUUID();
    await ok(send('complete one', { contextId }));
    await ok(send('complete two', { contextId }));
    const page = await ok(driver.call('ListTasks', { contextId, pageSize: 1 }));
    expect(page).toMatchObject({ pageSize: 1, totalSize: 2 });
    expect(page.tasks[0]).not.toHaveProperty('artifacts');
    const last = await ok(
      driver.call('ListTasks', { contextId, pageSize: 1, pageToken: page.nextPageToken }),
    );
    expect(last.nextPageToken).toBe('');
    expect(new Set([page.tasks[0]!.id, last.tasks[0]!.id]).size).toBe(2);
  });

  it('CancelTask: cancels a running task, then TaskNotCancelable', async () => {
    const running = await task('long 20000', { returnImmediately: true });
    const canceled = await ok(driver.call('CancelTask', { id: running.id }));
    expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
    expect(await errorCode(driver.call('CancelTask', { id: running.id }))).toBe(-32002);
    expect(await errorCode(driver.call('CancelTask', { id: 'no-such-task' }))).toBe(-32001);
  });

  it('SendStreamingMessage: the task, its updates in order, closed at completion', async () => {
    const events = await ok(driver.stream('SendStreamingMessage', { message: user('stream 3') }));
    expect(kinds(events)).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    const chunks = events.flatMap((e) => e.artifactUpdate?.artifact.parts.map((p) => p.text) ?? []);
    expect(chunks).toEqual(['0\n', '1\n', '2\n']);
    expect(events.at(-1)!.statusUpdate!.status.state).toBe('TASK_STATE_COMPLETED');
    record('stream kinds', driver, kinds(events));
  });

  it('SendStreamingMessage: a direct reply is one message event', async () => {
    const events = await ok(driver.stream('SendStreamingMessage', { message: user('message hi') }));
    expect(kinds(events)).toEqual(['message']);
  });

  it('SubscribeToTask: the task first, then live events until it completes', async () => {
    const running = await task('long 1500 100', { returnImmediately: true });
    const events = await ok(driver.stream('SubscribeToTask', { id: running.id }));
    expect(kinds(events)[0]).toBe('task');
    expect(events.at(-1)!.statusUpdate!.status.state).toBe('TASK_STATE_COMPLETED');
    expect(await errorCode(driver.stream('SubscribeToTask', { id: 'no-such-task' }))).toBe(-32001);
  });

  it('SubscribeToTask on a finished task: an error in 1.0, the final task in 0.3', async () => {
    const done = await task('complete');
    const outcome = await driver.stream('SubscribeToTask', { id: done.id });
    if (driver.version === '1.0') {
      expect(outcome.ok ? 'ok' : outcome.error.code).toBe(-32004);
    } else {
      expect(outcome.ok && kinds(outcome.value)).toEqual(['task']);
    }
  });

  it('push config create / get / list / delete, and delivery with the Authorization header', async () => {
    const running = await task('long 1500', { returnImmediately: true });
    const config = {
      taskId: running.id,
      url: receiver.url,
      token: 'tok',
      authentication: { scheme: 'Bearer', credentials: 'secret' },
    };
    const created = await ok(driver.call('CreateTaskPushNotificationConfig', config));
    expect(created).toMatchObject({ taskId: running.id, url: receiver.url, token: 'tok' });
    expect(created.id).toBeTruthy();
    const ids = { taskId: running.id, id: created.id! };
    expect(await ok(driver.call('GetTaskPushNotificationConfig', ids))).toEqual(created);
    const list = await ok(driver.call('ListTaskPushNotificationConfigs', { taskId: running.id }));
    expect(list.configs).toEqual([created]);
    await expect
      .poll(
        () => receiver.received.filter((r) => JSON.stringify(r.body).includes(running.id)).length,
        {
          timeout: 5000,
        },
      )
      .toBeGreaterThan(0);
    const delivery = receiver.received.find((r) => JSON.stringify(r.body).includes(running.id))!;
    expect(delivery.headers.authorization).toBe('Bearer secret');
    await ok(driver.call('DeleteTaskPushNotificationConfig', ids));
    await ok(driver.call('DeleteTaskPushNotificationConfig', ids));
    const after = await ok(driver.call('ListTaskPushNotificationConfigs', { taskId: running.id }));
    expect(after.configs).toEqual([]);
  });

  it('rejects bad requests with the same codes', async () => {
    const codes = {
      emptyParts: await errorCode(
        driver.call('SendMessage', { message: { ...user('x'), parts: [] } }),
      ),
      unknownTask: await errorCode(send('complete', { taskId: 'no-such-task' })),
      terminalTask: await errorCode(send('complete', { taskId: (await task('complete')).id })),
      extendedCard: await errorCode(driver.call('GetExtendedAgentCard', {})),
    };
    expect(codes).toMatchObject({ emptyParts: -32602, unknownTask: -32001, terminalTask: -32004 });
    record('errors', driver, codes);
  });
});

describe('every binding', () => {
  it('gave the same answers', () => {
    for (const [scenario, byDriver] of answers) {
      expect([...byDriver.keys()], scenario).toEqual(drivers.map((driver) => driver.name));
      const [first, ...others] = [...byDriver.entries()];
      for (const [name, value] of others) {
        expect(value, `${scenario}: ${name} vs ${first![0]}`).toEqual(first![1]);
      }
    }
    expect(answers.size).toBeGreaterThanOrEqual(5);
  });
});
