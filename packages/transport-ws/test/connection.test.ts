import { ANONYMOUS_CALLER, createRequestHandler, silentLogger } from '@baton/server';
import { conformanceAgentCard } from '@baton-apps/conformance-agent';
import { afterAll, describe, expect, it } from 'vitest';

import {
  type A2AWebSocketServerOptions,
  type ConnectionInit,
  createA2AWebSocketServer,
} from '../src/index.js';
import { floodingExecutor, sleep, userMessage } from './agent.js';
import { FakeSocket } from './fake-socket.js';

const handler = createRequestHandler({
  agentCard: conformanceAgentCard,
  executor: floodingExecutor,
  logger: silentLogger,
});
afterAll(() => handler.close({ graceMs: 100 }));

const init: ConnectionInit = { caller: ANONYMOUS_CALLER, version: '1.0', requestedExtensions: [] };

function open(options: A2AWebSocketServerOptions = {}) {
  const server = createA2AWebSocketServer(handler, { logger: silentLogger, ...options });
  const socket = new FakeSocket();
  const connection = server.accept(socket, init);
  const send = (frame: unknown) => connection.receive(JSON.stringify(frame));
  const answer = (id: unknown) => socket.next((frame) => frame.id === id && !('method' in frame));
  return { server, socket, connection, send, answer };
}

describe('the connection core', () => {
  it('answers malformed JSON with -32700 and id null, and stays open', async () => {
    const { socket, connection, send, answer } = open();
    connection.receive('{"jsonrpc":"2.0",');
    expect(socket.frames()[0]).toMatchObject({ id: null, error: { code: -32700 } });
    send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect((await answer(1)).result).toEqual({});
    expect(connection.closed).toBe(false);
  });

  it('answers JSON that is not a request with -32600', async () => {
    const { send, answer, connection } = open();
    connection.receive('[1,2]');
    connection.receive('"text"');
    send({ jsonrpc: '2.0', id: 7, method: 42 });
    expect((await answer(7)).error.code).toBe(-32600);
    expect(connection.closed).toBe(false);
  });

  it('closes with 1003 on a binary frame and 1009 on an oversize frame', () => {
    const binary = open();
    binary.connection.receive(new Uint8Array([1, 2, 3]));
    expect(binary.socket.closedWith?.code).toBe(1003);
    expect(binary.connection.closed).toBe(true);
    const big = open({ maxMessageBytes: 1000 });
    big.connection.receive(JSON.stringify({ pad: 'é'.repeat(400) })); // 800 bytes: fits
    expect(big.connection.closed).toBe(false);
    big.connection.receive(JSON.stringify({ pad: 'é'.repeat(600) })); // 1200 bytes as UTF-8
    expect(big.socket.closedWith?.code).toBe(1009);
  });

  it('refuses a second call with an id still in flight', async () => {
    const { send, socket } = open();
    const params = { message: userMessage('long 300') };
    send({ jsonrpc: '2.0', id: 'a', method: 'SendMessage', params });
    send({ jsonrpc: '2.0', id: 'a', method: 'SendMessage', params });
    const first = await socket.next((f) => f.id === 'a');
    expect(first.error).toMatchObject({ code: -32600 });
    const second = await socket.next((f) => f.id === 'a' && 'result' in f, 5000);
    expect(second.result.task.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('answers calls beyond the limits with -32050 TOO_MANY_CALLS', async () => {
    const { send, socket, connection } = open({ maxConcurrentCalls: 2, maxConcurrentStreams: 1 });
    for (const id of [1, 2, 3]) {
      send({
        jsonrpc: '2.0',
        id,
        method: 'SendMessage',
        params: { message: userMessage('long 200') },
      });
    }
    const stream = { message: userMessage('long 200') };
    send({ jsonrpc: '2.0', id: 4, method: 'SendStreamingMessage', params: stream });
    send({ jsonrpc: '2.0', id: 5, method: 'SendStreamingMessage', params: stream });
    expect(connection.stats).toEqual({ calls: 2, streams: 1 });
    const refused = socket.frames().filter((f) => f.error?.code === -32050);
    expect(refused.map((f) => f.id)).toEqual([3, 5]);
    expect(refused[0]!.error.data[0]).toMatchObject({ reason: 'TOO_MANY_CALLS' });
    for (const id of [1, 2, 4]) await socket.next((f) => f.id === id && 'result' in f);
    expect(connection.stats).toEqual({ calls: 0, streams: 0 });
  });

  it('stream/cancel stops one stream at once and leaves the others', async () => {
    const { send, socket, connection } = open();
    const params = () => ({ message: userMessage('long 400 20') });
    send({ jsonrpc: '2.0', id: 1, method: 'SendStreamingMessage', params: params() });
    send({ jsonrpc: '2.0', id: 2, method: 'SendStreamingMessage', params: params() });
    await socket.next((f) => f.params?.id === 1 && f.params.result.artifactUpdate);
    send({ jsonrpc: '2.0', method: 'stream/cancel', params: { id: 1 } });
    const cutAt = socket.sent.length;
    const done = await socket.next((f) => f.id === 2, 5000);
    expect(done.result).toEqual({ done: true });
    const after = socket.frames().slice(cutAt);
    expect(after.some((f) => f.params?.id === 1 || f.id === 1)).toBe(false);
    expect(after.filter((f) => f.params?.id === 2).length).toBeGreaterThan(3);
    expect(connection.stats.streams).toBe(0);
  });

  it('pauses streams above the high-water mark and resumes when the buffer drains', async () => {
    const { send, socket, connection } = open({ highWaterMark: 2000, maxBufferedBytes: 1e9 });
    socket.growth = 1;
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'SendStreamingMessage',
      params: { message: userMessage('flood 50 500') },
    });
    await sleep(200);
    // Paused: at most one frame beyond the mark was written.
    expect(socket.bufferedAmount).toBeLessThan(2000 + 1000);
    const sentWhilePaused = socket.sent.length;
    expect(sentWhilePaused).toBeLessThan(10);
    socket.growth = 0;
    socket.bufferedAmount = 0;
    const end = await socket.next((f) => f.id === 1);
    expect(end.result).toEqual({ done: true });
    expect(socket.sent.length).toBeGreaterThan(50);
    expect(connection.stats.streams).toBe(0);
  });

  it('drops a peer whose send buffer passes maxBufferedBytes, cancelling its calls', async () => {
    const { send, socket, connection } = open({ highWaterMark: 1000, maxBufferedBytes: 5000 });
    socket.growth = 1;
    send({ jsonrpc: '2.0', id: 1, method: 'SubscribeToTask', params: { id: 'nope' } });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'SendStreamingMessage',
      params: { message: userMessage('long 5000') },
    });
    await socket.next((f) => f.params?.id === 2);
    for (let id = 10; id < 20; id++)
      send({ jsonrpc: '2.0', id, method: 'GetTask', params: { id: 'x'.repeat(900) } });
    await sleep(100);
    expect(socket.terminated).toBe(true);
    expect(connection.closed).toBe(true);
    await sleep(50);
    expect(connection.stats).toEqual({ calls: 0, streams: 0 });
  });

  it('serves the dialect named by the method; an unknown A2A-Version gets -32009', async () => {
    const { send, answer } = open();
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'message/send',
      params: {
        message: {
          kind: 'message',
          messageId: 'm',
          role: 'user',
          parts: [{ kind: 'text', text: 'message x' }],
        },
      },
    });
    expect((await answer(1)).result).toMatchObject({ kind: 'message', role: 'agent' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'GetTask',
      params: { id: 'x' },
      serviceParameters: { 'A2A-Version': '99.0' },
    });
    expect((await answer(2)).error.code).toBe(-32009);
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'SubscribeToTask',
      params: { id: 'x', resumeAfter: -1 },
    });
    expect((await answer(3)).error.code).toBe(-32602);
  });

  it('closing the socket cancels every call and stream at once', async () => {
    const { send, socket, connection } = open();
    const before = handler.stats.streams;
    for (let id = 1; id <= 5; id++) {
      send({
        jsonrpc: '2.0',
        id,
        method: 'SendStreamingMessage',
        params: { message: userMessage('long 5000') },
      });
    }
    await socket.next((f) => f.params?.id === 5);
    expect(handler.stats.streams).toBe(before + 5);
    connection.handleClose();
    await sleep(20);
    expect(handler.stats.streams).toBe(before);
    expect(connection.stats).toEqual({ calls: 0, streams: 0 });
  });
});
