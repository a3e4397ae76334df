// A2A.md §10 "Push" (PUSH-*) and §9: config CRUD semantics, idempotent delete, delivery with the
// Authorization header and a StreamResponse body — on the handler and through JSON-RPC.
import { StreamResponseSchema } from '@baton/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type DefaultRequestHandler } from '../../src/index.js';
import { handlerWith, scenarioExecutor, until, userMessage } from '../helpers.js';
import { allTargets, errorOf, type Target, TARGET_NAMES } from '../targets.js';

interface Delivery {
  url: string;
  headers: Headers;
  body: unknown;
}

/** A fetch that records every webhook call and answers 200. */
function recordingFetch(deliveries: Delivery[]): typeof fetch {
  return async (input, init) => {
    deliveries.push({
      url: input as string,
      headers: new Headers(init?.headers),
      body: JSON.parse(init?.body as string),
    });
    return new Response(null, { status: 200 });
  };
}

describe.each(TARGET_NAMES)('push MUSTs via %s', (name) => {
  let handler: DefaultRequestHandler;
  let target: Target;
  let deliveries: Delivery[];
  const url = 'https://hooks.example.com/a2a';

  beforeEach(() => {
    deliveries = [];
    handler = handlerWith(scenarioExecutor(), { push: { fetch: recordingFetch(deliveries) } });
    target = allTargets(handler).find((t) => t.name === name)!;
  });
  afterEach(() => handler.close({ graceMs: 50 }));

  it('create, get, list and delete a config; delete is idempotent', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('input') });
    const taskId = task!.id;
    const created = await target.call('CreateTaskPushNotificationConfig', {
      taskId,
      id: 'hook-1',
      url,
      token: 'tok',
      authentication: { scheme: 'Bearer', credentials: 'secret' },
    });
    expect(created).toMatchObject({ taskId, id: 'hook-1', url, token: 'tok' });
    const generated = await target.call('CreateTaskPushNotificationConfig', {
      taskId,
      url: `${url}/2`,
    });
    expect(generated.id).toBeTruthy();
    expect(
      await target.call('GetTaskPushNotificationConfig', { taskId, id: 'hook-1' }),
    ).toMatchObject({
      id: 'hook-1',
      authentication: { scheme: 'Bearer', credentials: 'secret' },
    });
    const listed = await target.call('ListTaskPushNotificationConfigs', { taskId });
    expect(listed.configs.map((c) => c.id)).toEqual(['hook-1', generated.id]);
    expect(await target.call('DeleteTaskPushNotificationConfig', { taskId, id: 'hook-1' })).toEqual(
      {},
    );
    expect(await target.call('DeleteTaskPushNotificationConfig', { taskId, id: 'hook-1' })).toEqual(
      {},
    );
    const error = await errorOf(
      target.call('GetTaskPushNotificationConfig', { taskId, id: 'hook-1' }),
    );
    expect(error.code).toBe(-32001);
    expect((await target.call('ListTaskPushNotificationConfigs', { taskId })).configs).toHaveLength(
      1,
    );
  });

  it('config operations on an unknown task → TaskNotFound', async () => {
    const error = await errorOf(
      target.call('CreateTaskPushNotificationConfig', { taskId: 'missing', url }),
    );
    expect(error.code).toBe(-32001);
    expect(
      (await errorOf(target.call('ListTaskPushNotificationConfigs', { taskId: 'missing' }))).code,
    ).toBe(-32001);
  });

  it('refuses a private webhook URL unless allowed', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('input') });
    const error = await errorOf(
      target.call('CreateTaskPushNotificationConfig', {
        taskId: task!.id,
        url: 'http://127.0.0.1:9/hook',
      }),
    );
    expect(error.code).toBe(-32602);
  });

  it('delivers every task event of an inline config as a StreamResponse with the Authorization header', async () => {
    const { task } = await target.call('SendMessage', {
      message: userMessage('go'),
      configuration: {
        taskPushNotificationConfig: {
          url,
          token: 'tok',
          authentication: { scheme: 'Bearer', credentials: 'abc' },
        },
      },
    });
    await until(() => deliveries.length === 4);
    for (const delivery of deliveries) {
      expect(delivery.url).toBe(url);
      expect(delivery.headers.get('authorization')).toBe('Bearer abc');
      expect(delivery.headers.get('x-a2a-notification-token')).toBe('tok');
      expect(StreamResponseSchema.safeParse(delivery.body).success).toBe(true);
    }
    const bodies = deliveries.map(
      (d) => d.body as Record<string, { taskId?: string; id?: string }>,
    );
    expect(bodies.map((b) => Object.keys(b)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    expect(bodies[1]!.statusUpdate!.taskId).toBe(task!.id);
  });

  it('stops delivering after a config is deleted', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('input') });
    const taskId = task!.id;
    await target.call('CreateTaskPushNotificationConfig', { taskId, id: 'h', url });
    await target.call('SendMessage', { message: userMessage('a', { taskId }) });
    await until(() => deliveries.length === 3);
    expect(deliveries.map((d) => Object.keys(d.body as object)[0])).toEqual([
      'statusUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    await target.call('DeleteTaskPushNotificationConfig', { taskId, id: 'h' });
    const second = await target.call('SendMessage', { message: userMessage('input') });
    await target.call('SendMessage', { message: userMessage('b', { taskId: second.task!.id }) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deliveries).toHaveLength(3);
  });
});
