import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

import { A2AClientError, bearerToken, createClient, textOf } from '@baton/client';
import { BATON_URIS, type StreamResponse, UnauthenticatedError } from '@baton/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';

import { preferWebSocket, type WebSocketCarrier, webSocketTransport } from '../src/client/index.js';
import { withWebSocketInterfaces } from '../src/index.js';
import { sleep, startAgent, userMessage } from './fixtures.js';

const agent = await startAgent();
const secured = await startAgent({
  http: { authenticator: bearer },
  ws: { authenticator: bearer },
});
afterAll(async () => {
  await agent.close();
  await secured.close();
});

function bearer({ headers }: { headers: Headers }) {
  const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
  if (token === 'alice-token') return { id: 'alice' };
  if (token === 'bob-token') return { id: 'bob' };
  throw new UnauthenticatedError('A bearer token is required');
}

const carrierOf = (client: { transport: { carrier: unknown } }) =>
  client.transport.carrier as WebSocketCarrier;
const text = (events: StreamResponse[]) =>
  events.flatMap((event) => event.artifactUpdate?.artifact.parts.map((part) => part.text) ?? []);

describe('the client over WebSocket', () => {
  it('picks the WebSocket interface from the card by one option, on one socket', async () => {
    const client = await createClient(agent.url, preferWebSocket({ WebSocket }));
    expect(client.agentInterface).toMatchObject({
      url: agent.wsUrl,
      protocolBinding: BATON_URIS.webSocketBinding,
      protocolVersion: '1.0',
    });
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        client.sendMessage({ message: userMessage(`message ${index}`) as never }),
      ),
    );
    expect(replies.map((reply) => textOf(reply.message))).toEqual(
      replies.map((_, i) => `message: ${i}`),
    );
    const events: StreamResponse[] = [];
    for await (const event of client.sendStreamingMessage({
      message: userMessage('stream 3') as never,
    })) {
      events.push(event);
    }
    expect(events.map((event) => Object.keys(event)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    expect(carrierOf(client).connections).toBe(1);
    await carrierOf(client).close();
  });

  it('speaks 0.3 over WebSocket when that interface is preferred', async () => {
    const client = await createClient(agent.url, {
      transports: [webSocketTransport({ WebSocket })],
      preferences: [{ binding: BATON_URIS.webSocketBinding, version: '0.3' }],
    });
    expect(client.protocolVersion).toBe('0.3');
    const task = await client.sendAndWait('complete over 0.3');
    expect(task).toMatchObject({ status: { state: 'TASK_STATE_COMPLETED' } });
    const events: StreamResponse[] = [];
    for await (const event of client.sendStreamingMessage({
      message: userMessage('stream 2') as never,
    })) {
      events.push(event);
    }
    expect(text(events)).toEqual(['0\n', '1\n']);
    await carrierOf(client).close();
  });

  it('an aborted stream is cancelled on the server; the other streams go on', async () => {
    const client = await createClient(agent.url, preferWebSocket({ WebSocket }));
    const before = agent.handler.stats.streams;
    const controller = new AbortController();
    const read = async (signal?: AbortSignal) => {
      const events: StreamResponse[] = [];
      try {
        for await (const event of client.sendStreamingMessage(
          { message: userMessage('long 600 40') as never },
          { signal },
        )) {
          events.push(event);
          if (signal && events.length === 3) controller.abort();
        }
      } catch (error) {
        return { events, error };
      }
      return { events, error: undefined };
    };
    const [aborted, kept] = await Promise.all([read(controller.signal), read()]);
    expect(A2AClientError.isInstance(aborted.error, 'ABORTED')).toBe(true);
    expect(aborted.events.length).toBe(3);
    expect(kept.error).toBeUndefined();
    expect(kept.events.at(-1)!.statusUpdate!.status.state).toBe('TASK_STATE_COMPLETED');
    expect(agent.handler.stats.streams).toBe(before);
    await carrierOf(client).close();
  });

  it('reconnects after the socket drops and resumes the stream: every event exactly once', async () => {
    const client = await createClient(agent.url, preferWebSocket({ WebSocket }));
    const events: StreamResponse[] = [];
    let drops = 0;
    for await (const event of client.sendStreamingMessage({
      message: userMessage('long 1200 25') as never,
    })) {
      events.push(event);
      if (event.artifactUpdate && (text(events).length === 8 || text(events).length === 20)) {
        drops++;
        agent.endpoint.server.close(1001, 'dropped by the test');
      }
    }
    expect(drops).toBe(2);
    const ticks = text(events);
    expect(ticks.length).toBeGreaterThan(30);
    expect(ticks).toEqual(ticks.map((_, index) => `tick ${index + 1}\n`));
    expect(events.at(-1)!.statusUpdate!.status.state).toBe('TASK_STATE_COMPLETED');
    const task = await client.getTask({ id: events[0]!.task!.id });
    expect(task.artifacts![0]!.parts.map((part) => part.text).join('')).toBe(ticks.join(''));
    await carrierOf(client).close();
  });

  it('bounds the events held for a reader that does not read: the stream stops, then resumes', async () => {
    const client = await createClient(
      agent.url,
      preferWebSocket({ WebSocket, maxBufferedEvents: 5 }),
    );
    const before = agent.handler.stats.streams;
    // Without resumption the reader gets the events held, then the error; the server's stream stops.
    const held: StreamResponse[] = [];
    let failure: unknown;
    try {
      for await (const event of client.sendStreamingMessage(
        { message: userMessage('stream 60') as never },
        { resume: false },
      )) {
        if (held.length === 0) await sleep(300);
        held.push(event);
      }
    } catch (error) {
      failure = error;
    }
    expect(A2AClientError.isInstance(failure, 'NETWORK_ERROR')).toBe(true);
    // The client says the stream ended early, with the carrier's reason as the cause.
    const reason = (failure as Error).cause ?? failure;
    expect(String((reason as Error).message)).toMatch(/fell 5 events behind/);
    // Five held during the pause, plus what the client had taken before it (at most one).
    expect(held.length).toBeGreaterThanOrEqual(5);
    expect(held.length).toBeLessThanOrEqual(6);
    expect(agent.handler.stats.streams).toBe(before);

    // With resumption, a slow reader still gets every event exactly once, in order.
    const events: StreamResponse[] = [];
    for await (const event of client.sendStreamingMessage({
      message: userMessage('stream 60') as never,
    })) {
      if (events.length % 20 === 0) await sleep(100);
      events.push(event);
    }
    expect(text(events)).toEqual(Array.from({ length: 60 }, (_, i) => `${i}\n`));
    expect(events.at(-1)!.statusUpdate!.status.state).toBe('TASK_STATE_COMPLETED');
    await carrierOf(client).close();
  });

  it('detects a server that stops answering with app-level pings', async () => {
    const silent = createServer();
    const wss = new WebSocketServer({ server: silent, autoPong: false });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/a2a/ws`;
    const card = withWebSocketInterfaces(
      { ...agent.handler.agentCard, supportedInterfaces: [] },
      url,
      ['1.0'],
    );
    const client = await createClient(card, {
      ...preferWebSocket({ WebSocket, heartbeatMs: 50, heartbeatTimeoutMs: 100 }),
      retry: false,
    });
    const started = Date.now();
    const error = await client.getTask({ id: 'x' }).catch((e: unknown) => e);
    expect(A2AClientError.isInstance(error, 'NETWORK_ERROR')).toBe(true);
    // Without the heartbeat the call would wait until the test times out (20 s).
    expect(Date.now() - started).toBeLessThan(5000);
    wss.close();
    silent.close();
    silent.closeAllConnections();
  });

  it('closes an idle socket, and the next call reconnects', async () => {
    const client = await createClient(agent.url, preferWebSocket({ WebSocket, idleTimeoutMs: 50 }));
    await client.sendMessage({ message: userMessage('message one') as never });
    expect(carrierOf(client).connections).toBe(1);
    await sleep(150);
    expect(carrierOf(client).connections).toBe(0);
    await client.sendMessage({ message: userMessage('message two') as never });
    expect(carrierOf(client).connections).toBe(1);
    await carrierOf(client).close();
  });
});

describe('authentication at the upgrade', () => {
  it('refuses an upgrade without credentials with 401, before upgrading', async () => {
    const refused = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(secured.wsUrl);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('upgraded')));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
  });

  it('takes the token from the Authorization header or ?token=, and scopes every call to the caller', async () => {
    const alice = await createClient(secured.url, {
      ...preferWebSocket({ WebSocket }),
      interceptors: [bearerToken({ token: 'alice-token' })],
    });
    const bob = await createClient(secured.url, {
      ...preferWebSocket({ WebSocket, credentials: 'query' }),
      interceptors: [bearerToken({ token: 'bob-token' })],
    });
    const task = await alice.sendAndWait('complete secret work');
    expect((await alice.getTask({ id: (task as { id: string }).id })).status.state).toBe(
      'TASK_STATE_COMPLETED',
    );
    const hidden = await bob.getTask({ id: (task as { id: string }).id }).catch((e: unknown) => e);
    expect((hidden as { code?: number }).code).toBe(-32001);
    await carrierOf(alice).close();
    await carrierOf(bob).close();
  });

  it('surfaces a refused upgrade as HTTP_ERROR 401', async () => {
    const client = await createClient(secured.url, {
      ...preferWebSocket({ WebSocket }),
      interceptors: [bearerToken({ token: 'wrong' })],
    });
    const error = await client.getTask({ id: 'x' }).catch((e: unknown) => e);
    expect(A2AClientError.isInstance(error, 'HTTP_ERROR')).toBe(true);
    expect((error as A2AClientError).status).toBe(401);
  });
});
