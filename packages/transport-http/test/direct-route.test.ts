import { connect } from 'node:net';

import { UnauthenticatedError } from '@baton/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  postJsonRpc,
  readSse,
  rpc,
  startTestAgent,
  type TestAgent,
  userMessage,
} from './fixtures.js';
import { rawRequest } from './raw-http.js';

// serveNode answers a POST to the JSON-RPC path of a createA2AHono app without going through
// hono, as long as nothing the user added to the app may apply to it.
describe('the direct JSON-RPC route of serveNode', () => {
  let agent: TestAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  /** The test agent with `app.fetch` counted: what goes through hono. */
  async function counted(options?: Parameters<typeof startTestAgent>[0]) {
    agent = await startTestAgent(options);
    const fetch = vi.fn(agent.app.fetch);
    agent.app.fetch = fetch;
    return { agent, throughHono: () => fetch.mock.calls.length };
  }

  const send = (text: string) => ({ message: userMessage(text) });

  it('answers JSON-RPC without hono, and everything else through it', async () => {
    const { agent, throughHono } = await counted();
    const body = await rpc(agent.url, 'SendMessage', send('hello'));
    expect(body.result.task.status.state).toBe('TASK_STATE_COMPLETED');
    const streamed = await postJsonRpc(agent.url, {
      jsonrpc: '2.0',
      id: 2,
      method: 'SendStreamingMessage',
      params: send('chunks 2'),
    });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readSse(streamed);
    expect(events.at(-1)?.data.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
    expect(throughHono()).toBe(0);

    const card = await fetch(`${agent.url}/.well-known/agent-card.json`);
    expect(card.status).toBe(200);
    // A query string, a chunked body: hono's.
    const query = await fetch(`${agent.url}/a2a/jsonrpc?A2A-Version=1.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'GetTask', params: { id: 'x' } }),
    });
    expect((await query.json()).error.code).toBe(-32001);
    const chunked = await rawRequest(`${agent.url}/a2a/jsonrpc`, {
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      chunks: [JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'GetTask', params: { id: 'x' } })],
    });
    expect(JSON.parse(chunked.body).error.code).toBe(-32001);
    expect(throughHono()).toBe(3);
  });

  it('sends the same bytes as hono does', async () => {
    const { agent } = await counted();
    const direct = await postJsonRpc(agent.url, '{"jsonrpc":"2.0","id":7,"method":"GetTask"');
    const viaHono = await agent.app.request('/a2a/jsonrpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      body: '{"jsonrpc":"2.0","id":7,"method":"GetTask"',
    });
    expect(direct.status).toBe(viaHono.status);
    expect(direct.headers.get('content-type')).toBe(viaHono.headers.get('content-type'));
    expect(await direct.text()).toBe(await viaHono.text());
  });

  it('answers as hono does when the user adds routes to the app later', async () => {
    const { agent, throughHono } = await counted();
    // hono runs handlers in the order they were added, and the binding answers every request
    // without calling the next: middleware added later never sees a JSON-RPC request.
    agent.app.use('*', async (c, next) => {
      await next();
      c.res.headers.set('X-Seen', 'yes');
    });
    agent.app.post('/a2a/jsonrpc', (c) => c.text('never'));
    agent.app.get('/health', (c) => c.text('ok'));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } });
    const headers = { 'Content-Type': 'application/json', 'A2A-Version': '1.0' };
    const direct = await fetch(`${agent.url}/a2a/jsonrpc`, { method: 'POST', headers, body });
    expect(throughHono()).toBe(0);
    const viaHono = await agent.app.request('/a2a/jsonrpc', { method: 'POST', headers, body });
    expect(viaHono.headers.get('x-seen')).toBeNull();
    expect(direct.headers.get('x-seen')).toBeNull();
    expect(await direct.text()).toBe(await viaHono.text());
    // A route of its own the user adds is served, with the middleware before it.
    const health = await fetch(`${agent.url}/health`);
    expect(await health.text()).toBe('ok');
    expect(health.headers.get('x-seen')).toBe('yes');
  });

  it('gives an authenticator web Headers', async () => {
    const seen: unknown[] = [];
    const { agent, throughHono } = await counted({
      app: {
        authenticator: ({ headers }) => {
          seen.push(headers);
          if (headers.get('authorization') !== 'Bearer ok') throw new UnauthenticatedError();
          return { id: 'someone' };
        },
      },
    });
    const refused = await postJsonRpc(agent.url, { jsonrpc: '2.0', id: 1, method: 'GetTask' });
    expect(refused.status).toBe(401);
    const body = await rpc(agent.url, 'SendMessage', send('hi'), {
      'A2A-Version': '1.0',
      Authorization: 'Bearer ok',
    });
    expect(body.result.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(seen).toHaveLength(2);
    expect(seen.every((headers) => headers instanceof Headers)).toBe(true);
    expect(throughHono()).toBe(0);
  });

  it('closes the connection when it answers without reading the body', async () => {
    const { agent } = await counted({ app: { bodyLimit: 1024 } });
    // Declares more than the limit and sends a part only: 413 at once, and the connection ends
    // instead of waiting for (or reading) the rest.
    const response = await rawRequest(`${agent.url}/a2a/jsonrpc`, {
      headers: { 'Content-Type': 'application/json', 'Content-Length': 1_000_000 },
      chunks: ['{"jsonrpc":"2.0"'],
      end: false,
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    // A body read to its end keeps the connection.
    const kept = await rawRequest(`${agent.url}/a2a/jsonrpc`, {
      headers: { 'Content-Type': 'application/json', 'Content-Length': 2, 'A2A-Version': '1.0' },
      chunks: ['{}'],
    });
    expect(kept.status).toBe(200);
    expect(kept.headers.connection).toBe('keep-alive');
  });

  it('survives a client that goes away mid-body', async () => {
    const { agent, throughHono } = await counted();
    const { port } = new URL(agent.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /a2a/jsonrpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"jsonrpc":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The server answers the next request (an unhandled rejection would fail the test run).
    expect((await rpc(agent.url, 'SendMessage', send('next'))).result.task.id).toBeTypeOf('string');
    expect(throughHono()).toBe(0);
  });
});
