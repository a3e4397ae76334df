import { createInMemoryStore } from '@baton/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConsoleApp } from '../src/index.js';
import { type AgentsResponse, type WebhookDelivery } from '../src/shared/api-types.js';
import { type RunningAgent, startAgent } from './support/agents.js';
import { readEvents } from './support/sse.js';

let agent: RunningAgent;
beforeAll(async () => {
  agent = await startAgent('tasks', createInMemoryStore());
});
afterAll(() => agent.close());

const relayHeaders = (url: string, extra: Record<string, string> = {}) => ({
  'X-Baton-Console': '1',
  'X-Baton-Relay-Url': url,
  ...extra,
});

describe('relay', () => {
  it('fetches an agent card through the relay', async () => {
    const app = createConsoleApp({});
    const response = await app.request('http://127.0.0.1/api/relay', {
      headers: relayHeaders(`${agent.url}/.well-known/agent-card.json`),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-baton-relayed-from')).toBe(agent.url);
    const card = (await response.json()) as { name: string };
    expect(card.name).toBe('Task Agent');
  });

  it('relays a JSON-RPC stream event by event', async () => {
    const app = createConsoleApp({});
    const response = await app.request('http://127.0.0.1/api/relay', {
      method: 'POST',
      headers: relayHeaders(`${agent.url}/a2a/jsonrpc`, {
        'Content-Type': 'application/json',
        'A2A-Version': '1.0',
        Accept: 'text/event-stream',
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'SendStreamingMessage',
        params: {
          message: { messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'chunks=2 delay=10' }] },
        },
      }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = await readEvents(response, 10);
    const results = events.map((e) => (e.data as { result: Record<string, unknown> }).result);
    expect(Object.keys(results[0]!)).toEqual(['task']);
    expect(results.at(-1)).toMatchObject({
      statusUpdate: { status: { state: 'TASK_STATE_COMPLETED' } },
    });
  });

  it('bounds request size and concurrency, and checks the target', async () => {
    const app = createConsoleApp({ relay: { maxRequestBytes: 100 } });
    const big = await app.request('http://127.0.0.1/api/relay', {
      method: 'POST',
      headers: relayHeaders(`${agent.url}/a2a/jsonrpc`),
      body: 'x'.repeat(1000),
    });
    expect(big.status).toBe(413);
    const file = await app.request('http://127.0.0.1/api/relay', {
      headers: relayHeaders('file:///etc/passwd'),
    });
    expect(file.status).toBe(400);
    const none = await app.request('http://127.0.0.1/api/relay', {
      headers: { 'X-Baton-Console': '1' },
    });
    expect(none.status).toBe(400);
    const down = await app.request('http://127.0.0.1/api/relay', {
      headers: relayHeaders('http://127.0.0.1:9/'),
    });
    expect(down.status).toBe(502);
  });

  it('cuts a response larger than the limit', async () => {
    const app = createConsoleApp({ relay: { maxResponseBytes: 64 } });
    const response = await app.request('http://127.0.0.1/api/relay', {
      headers: relayHeaders(`${agent.url}/.well-known/agent-card.json`),
    });
    await expect(response.text()).rejects.toThrow();
  });
});

describe('agents', () => {
  it('reports each agent with its card, or why it does not answer', async () => {
    const app = createConsoleApp({
      agents: [
        { name: 'tasks', url: agent.url },
        { name: 'gone', url: 'http://127.0.0.1:9' },
      ],
    });
    const response = await app.request('http://127.0.0.1/api/agents');
    const { agents } = (await response.json()) as AgentsResponse;
    expect(agents[0]).toMatchObject({
      name: 'tasks',
      reachable: true,
      card: { name: 'Task Agent' },
    });
    expect(agents[1]).toMatchObject({ name: 'gone', reachable: false });
    expect(agents[1]!.error).toMatch(/NETWORK_ERROR|fetch/i);
  });
});

describe('webhook receiver', () => {
  it('keeps bounded deliveries and streams new ones', async () => {
    const app = createConsoleApp({ webhooks: { maxBodyBytes: 32, maxPerSession: 2 } });
    const stream = await app.request('http://127.0.0.1/api/webhooks/session-abc/stream');
    const reading = readEvents(stream, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const post = (body: string) =>
      app.request('http://127.0.0.1/api/webhooks/session-abc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-A2A-Notification-Token': 'tok' },
        body,
      });
    await post('{"n":1}');
    const [live] = await reading;
    expect(live!.data).toMatchObject({
      json: { n: 1 },
      headers: { 'x-a2a-notification-token': 'tok' },
    });
    await post('{"n":2}');
    await post(`{"n":"${'x'.repeat(100)}"}`);
    const list = await app.request('http://127.0.0.1/api/webhooks/session-abc');
    const { deliveries } = (await list.json()) as { deliveries: WebhookDelivery[] };
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]!.truncated).toBe(true);
    expect(deliveries[1]!.json).toBeUndefined();
    expect(deliveries[1]!.body).toHaveLength(32);
    const bad = await app.request('http://127.0.0.1/api/webhooks/x', {
      method: 'POST',
      body: '{}',
    });
    expect(bad.status).toBe(400);
  });
});
