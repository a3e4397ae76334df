import { connect, type Socket } from 'node:net';

import { afterAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';

import { floodingExecutor, sleep, startAgent, userMessage } from './fixtures.js';
import { RawClient } from './raw-client.js';

const limits = {
  maxMessageBytes: 64 * 1024,
  maxConcurrentCalls: 16,
  highWaterMark: 256 * 1024,
  maxBufferedBytes: 2 * 1024 * 1024,
};
const handler = { limits: { maxStreamBufferEvents: 50 } };
// Heartbeats off here: a client that stops reading would also stop answering pings.
const agent = await startAgent({
  executor: floodingExecutor,
  handler,
  ws: { ...limits, heartbeatMs: 0 },
});
const pinging = await startAgent({
  executor: floodingExecutor,
  handler,
  ws: { ...limits, heartbeatMs: 150 },
});
afterAll(async () => {
  await agent.close();
  await pinging.close();
});

const openV1 = (options: WebSocket.ClientOptions = {}, url = agent.wsUrl) =>
  RawClient.open(`${url}?A2A-Version=1.0`, options);

/** Stops reading the client's TCP socket: the server's writes pile up. */
const stopReading = (client: RawClient) =>
  (client.socket as unknown as { _socket: Socket })._socket.pause();

/** Sends a raw HTTP upgrade request and returns the status line of the answer. */
function rawUpgrade(port: number, path: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
    });
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('hostile clients', () => {
  it('a malformed upgrade gets 400 and another path 404, without upgrading', async () => {
    const port = Number(new URL(agent.url).port);
    expect(await rawUpgrade(port, '/a2a/ws', 'bad host')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawUpgrade(port, '/elsewhere', '127.0.0.1')).toBe('HTTP/1.1 404 Not Found');
    const client = await openV1();
    expect((await client.call('ping')).result).toEqual({});
    await client.close();
  });

  it('malformed JSON: -32700 with id null, and the socket stays usable', async () => {
    const client = await openV1();
    client.send('{"jsonrpc": "2.0", "id": 1, "method": ');
    client.send('\u0000\u0001 not json at all');
    const errors = await client.next(() => client.frames.length >= 2);
    expect(errors).toMatchObject({ id: null, error: { code: -32700 } });
    expect(client.frames[1]).toMatchObject({ id: null, error: { code: -32700 } });
    expect((await client.call('ping')).result).toEqual({});
    await client.close();
  });

  it('metadata nested 5,000 deep: -32602 naming the field, not an internal error', async () => {
    const client = await openV1();
    const frame = JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method: 'SendMessage',
      params: { message: { ...userMessage('deep'), metadata: { deep: '\u0001' } } },
    }).replace('"\\u0001"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
    client.send(frame);
    const answer = await client.next((f) => f.id === 7);
    expect(answer.error?.code).toBe(-32602);
    expect(answer.error?.message).toContain('message.metadata: must not nest more than 100 levels');
    expect((await client.call('ping')).result).toEqual({});
    await client.close();
  });

  it('a binary frame closes the socket with 1003', async () => {
    const client = await openV1();
    client.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })));
    expect((await client.closed).code).toBe(1003);
  });

  it('a frame over maxMessageBytes closes the socket with 1009', async () => {
    const client = await openV1();
    client.send(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', pad: 'x'.repeat(70 * 1024) }),
    );
    expect((await client.closed).code).toBe(1009);
    await expect.poll(() => agent.endpoint.server.connections.size).toBe(0);
  });

  it('a flood of calls beyond the limit gets -32050 for the excess, and the server stays well', async () => {
    const client = await openV1();
    const calls = Array.from({ length: 300 }, () =>
      client.call('SendMessage', { message: userMessage('long 150') }),
    );
    const answers = await Promise.all(calls);
    const refused = answers.filter((answer) => answer.error?.code === -32050);
    const served = answers.filter((answer) => answer.result?.task);
    expect(served.length).toBe(16);
    expect(refused.length).toBe(284);
    expect(
      (await client.call('SendMessage', { message: userMessage('message ok') })).result.message,
    ).toBeDefined();
    await client.close();
  });

  it('a client that never reads: streams pause at the high-water mark, then fall behind and end', async () => {
    const client = await openV1();
    try {
      const baseline = agent.listeners();
      const flood = { message: userMessage('flood 3000 16384 1') };
      client.send({ jsonrpc: '2.0', id: 1, method: 'SendStreamingMessage', params: flood });
      await client.next((frame) => frame.params?.id === 1);
      stopReading(client);
      const connection = [...agent.endpoint.server.connections].at(-1)!;
      let highest = 0;
      const deadline = Date.now() + 10_000;
      // The stream's subscription ends once it falls maxStreamBufferEvents behind the task.
      while (agent.listeners() > baseline && Date.now() < deadline) {
        highest = Math.max(highest, connection.bufferedAmount);
        await sleep(5);
      }
      expect(agent.listeners()).toBe(baseline);
      // Bounded: paused at 256 KiB, plus at most one event written past the mark.
      expect(highest).toBeGreaterThan(0);
      expect(highest).toBeLessThan(256 * 1024 + 20 * 1024);
      expect(connection.closed).toBe(false);
      // Reading again: the events sent so far, then the error that says the stream fell behind.
      (client.socket as unknown as { _socket: Socket })._socket.resume();
      const end = await client.next((frame) => frame.id === 1, 10_000);
      expect(end.error).toMatchObject({ code: -32603 });
      expect(end.error.message).toMatch(/fell more than 50 events behind/);
      expect(connection.stats.streams).toBe(0);
    } finally {
      client.socket.terminate();
    }
  });

  it('a client that never reads but keeps calling is dropped at maxBufferedBytes', async () => {
    const client = await openV1();
    try {
      const { result } = await client.call('SendMessage', {
        message: userMessage('flood 1 60000'),
      });
      stopReading(client);
      const connection = [...agent.endpoint.server.connections].at(-1)!;
      let highest = 0;
      for (let round = 0; round < 400 && !connection.closed; round++) {
        client.send({
          jsonrpc: '2.0',
          id: 100 + round,
          method: 'GetTask',
          params: { id: result.task.id },
        });
        await sleep(2);
        highest = Math.max(highest, connection.bufferedAmount);
      }
      expect(connection.closed).toBe(true);
      expect(highest).toBeLessThan(2 * 1024 * 1024 + 100 * 1024);
      await expect.poll(() => agent.endpoint.server.connections.size).toBe(0);
    } finally {
      client.socket.terminate();
    }
  });

  it('a dead peer (no pong) is dropped by the heartbeat and its subscriptions freed', async () => {
    const alive = await openV1({}, pinging.wsUrl);
    const client = await openV1({ autoPong: false }, pinging.wsUrl);
    const before = pinging.handler.stats.streams;
    client.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'SendStreamingMessage',
      params: { message: userMessage('long 20000') },
    });
    await client.next((frame) => frame.params?.id === 1);
    expect(pinging.handler.stats.streams).toBe(before + 1);
    const started = Date.now();
    const { code } = await client.closed;
    expect(code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => pinging.handler.stats.streams).toBe(before);
    // The peer that answers pings is still there.
    expect(pinging.endpoint.watched).toBe(1);
    expect((await alive.call('ping')).result).toEqual({});
    await alive.close();
  });
});
