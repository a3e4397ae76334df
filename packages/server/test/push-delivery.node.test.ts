// Node only: push delivery to a real HTTP listener on 127.0.0.1.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { handlerWith, scenarioExecutor, until, userMessage } from './helpers.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

describe('push delivery to a real webhook', () => {
  let server: Server;
  let received: Received[];
  let status: number;
  let url: string;

  beforeEach(async () => {
    received = [];
    status = 200;
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push({
          headers: request.headers,
          body: JSON.parse(text) as Record<string, unknown>,
        });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs every task event with the Authorization header', async () => {
    const handler = handlerWith(scenarioExecutor(), { push: { allowPrivateUrls: true } });
    const { task } = await handler.sendMessage({
      message: userMessage('hello'),
      configuration: {
        taskPushNotificationConfig: {
          url,
          token: 't-1',
          authentication: { scheme: 'Bearer', credentials: 'xyz' },
        },
      },
    });
    await until(() => received.length === 4);
    expect(received.map((r) => r.headers.authorization)).toEqual(Array(4).fill('Bearer xyz'));
    expect(received.every((r) => r.headers['x-a2a-notification-token'] === 't-1')).toBe(true);
    expect(received.every((r) => r.headers['content-type']?.startsWith('application/json'))).toBe(
      true,
    );
    const kinds = received.map((r) => Object.keys(r.body)[0]).sort();
    expect(kinds).toEqual(['artifactUpdate', 'statusUpdate', 'statusUpdate', 'task']);
    const final = received.find(
      (r) =>
        (r.body.statusUpdate as { status: { state: string } } | undefined)?.status.state ===
        'TASK_STATE_COMPLETED',
    );
    expect((final!.body.statusUpdate as { taskId: string }).taskId).toBe(task!.id);
    await handler.close();
  });

  it('a failing webhook never blocks or fails the task, and is tried at least once', async () => {
    status = 500;
    const handler = handlerWith(scenarioExecutor(), {
      push: { allowPrivateUrls: true, maxAttempts: 1 },
    });
    const { task } = await handler.sendMessage({
      message: userMessage('hello'),
      configuration: { taskPushNotificationConfig: { url } },
    });
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');
    await until(() => received.length === 4);
    await until(() => handler.stats.pushDeliveries === 0);
    await handler.close();
  });

  it('refuses the loopback webhook unless private URLs are allowed', async () => {
    const handler = handlerWith(scenarioExecutor());
    await expect(
      handler.sendMessage({
        message: userMessage('x'),
        configuration: { taskPushNotificationConfig: { url } },
      }),
    ).rejects.toMatchObject({ code: -32602 });
    await handler.close();
  });
});
