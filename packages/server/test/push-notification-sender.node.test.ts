import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type StreamResponse } from '@baton/protocol';
import { afterEach, describe, expect, it } from 'vitest';

import { PushNotificationSender } from '../src/push/push-notification-sender.js';

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

const payload: StreamResponse = {
  statusUpdate: { taskId: 'task-1', contextId: 'ctx-1', status: { state: 'TASK_STATE_COMPLETED' } },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A real webhook receiver on 127.0.0.1, port 0, answering with `respond`. */
async function receiver(respond: (index: number, res: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      respond(received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

const answer = (status: number) => (_index: number, res: ServerResponse) =>
  res.writeHead(status).end();

describe('PushNotificationSender over HTTP', () => {
  it('needs allowPrivateUrls to reach 127.0.0.1', async () => {
    const { url, received } = await receiver(answer(200));
    const result = await new PushNotificationSender().send({ taskId: 't', id: 'i', url }, payload);
    expect(result).toMatchObject({
      ok: false,
      attempts: 0,
      error: expect.stringContaining('loopback'),
    });
    expect(received).toHaveLength(0);
  });

  it('delivers the JSON body with the exact headers', async () => {
    const { url, received } = await receiver(answer(200));
    const sender = new PushNotificationSender({ allowPrivateUrls: true });
    const config = {
      taskId: 'task-1',
      id: 'hook',
      url,
      token: 'opaque-token',
      authentication: { scheme: 'Basic', credentials: 'dXNlcjpwYXNz' },
    };
    expect(await sender.send(config, payload)).toMatchObject({
      ok: true,
      attempts: 1,
      status: 200,
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
    expect(request?.headers['x-a2a-notification-token']).toBe('opaque-token');
    expect(JSON.parse(request?.body ?? '')).toEqual(payload);
  });

  it('retries a 503 until the receiver accepts', async () => {
    const { url, received } = await receiver((index, res) =>
      res.writeHead(index < 3 ? 503 : 202).end(),
    );
    const sender = new PushNotificationSender({ allowPrivateUrls: true, retryDelayMs: 10 });
    expect(await sender.send({ taskId: 't', id: 'i', url }, payload)).toMatchObject({
      ok: true,
      attempts: 3,
      status: 202,
    });
    expect(received).toHaveLength(3);
  });

  it('does not retry a 4xx answer', async () => {
    const { url, received } = await receiver(answer(400));
    const sender = new PushNotificationSender({ allowPrivateUrls: true, retryDelayMs: 10 });
    expect(await sender.send({ taskId: 't', id: 'i', url }, payload)).toMatchObject({
      ok: false,
      attempts: 1,
      status: 400,
    });
    expect(received).toHaveLength(1);
  });

  it('gives up on a receiver that never answers, within its time bound', async () => {
    const { url, received } = await receiver(() => {});
    const sender = new PushNotificationSender({
      allowPrivateUrls: true,
      timeoutMs: 200,
      maxAttempts: 2,
      retryDelayMs: 10,
    });
    const started = Date.now();
    const result = await sender.send({ taskId: 't', id: 'i', url }, payload);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, attempts: 2, error: 'timed out after 200 ms' });
    expect(received).toHaveLength(2);
  });

  it('reports a refused connection without throwing', async () => {
    const { url } = await receiver(answer(200));
    await close?.();
    close = undefined;
    const sender = new PushNotificationSender({
      allowPrivateUrls: true,
      maxAttempts: 2,
      retryDelayMs: 1,
    });
    const result = await sender.send({ taskId: 't', id: 'i', url }, payload);
    expect(result).toMatchObject({
      ok: false,
      attempts: 2,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
