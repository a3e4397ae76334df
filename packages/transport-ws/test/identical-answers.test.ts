import { afterAll, describe, expect, it } from 'vitest';

import { startAgent, userMessage } from './fixtures.js';
import { RawClient } from './raw-client.js';

// The same request bytes sent over HTTP and over WebSocket, with the same A2A-Version (header
// on HTTP, chosen at the upgrade on WebSocket): the JSON-RPC answers must be identical.
const agent = await startAgent();
afterAll(() => agent.close());

const REQUESTS: Record<string, string> = {
  'not JSON': '{"jsonrpc":"2.0",',
  'a batch': '[]',
  'a string': '"hello"',
  'wrong jsonrpc': JSON.stringify({
    jsonrpc: '1.0',
    id: 1,
    method: 'GetTask',
    params: { id: 'x' },
  }),
  'params not an object': JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'GetTask', params: [1] }),
  'unknown method': JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'NoSuchMethod', params: {} }),
  'unknown task (1.0)': JSON.stringify({
    jsonrpc: '2.0',
    id: 4,
    method: 'GetTask',
    params: { id: 'missing' },
  }),
  'unknown task (0.3)': JSON.stringify({
    jsonrpc: '2.0',
    id: 'x',
    method: 'tasks/get',
    params: { id: 'missing' },
  }),
  'bad pageSize': JSON.stringify({
    jsonrpc: '2.0',
    id: 5,
    method: 'ListTasks',
    params: { pageSize: 1000 },
  }),
  'empty parts': JSON.stringify({
    jsonrpc: '2.0',
    id: 6,
    method: 'SendMessage',
    params: { message: { ...userMessage('x'), messageId: 'm-1', parts: [] } },
  }),
  'subscribe to unknown task': JSON.stringify({
    jsonrpc: '2.0',
    id: 7,
    method: 'SubscribeToTask',
    params: { id: 'missing' },
  }),
  'resubscribe to unknown task (0.3)': JSON.stringify({
    jsonrpc: '2.0',
    id: 8,
    method: 'tasks/resubscribe',
    params: { id: 'missing' },
  }),
  'extended card': JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'GetExtendedAgentCard' }),
  'cancel without id': JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'CancelTask', params: {} }),
  'direct reply': JSON.stringify({
    jsonrpc: '2.0',
    id: 11,
    method: 'SendMessage',
    params: { message: { ...userMessage('message same answer'), messageId: 'm-2' } },
  }),
};

/** Drops what differs by nature between two runs: generated ids and timestamps. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/"(messageId|contextId|taskId)":"[^"]+"/g, '"$1":"…"')
      .replace(/"timestamp":"[^"]+"/g, '"timestamp":"…"'),
  );
}

async function overHttp(body: string, version: string | undefined): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (version !== undefined) headers['A2A-Version'] = version;
  const response = await fetch(`${agent.url}/a2a/jsonrpc`, { method: 'POST', headers, body });
  return response.json();
}

describe.each([undefined, '1.0', '0.3', '99.0'])('A2A-Version %s', (version) => {
  const socket = RawClient.open(
    version === undefined ? agent.wsUrl : `${agent.wsUrl}?A2A-Version=${version}`,
  );
  afterAll(async () => (await socket).close());

  it.each(Object.entries(REQUESTS))('%s', async (_name, body) => {
    const client = await socket;
    const before = client.frames.length;
    client.send(body);
    const answer = await client.next(
      (frame) => client.frames.indexOf(frame) >= before && !('method' in frame),
    );
    expect(normalize(answer)).toEqual(normalize(await overHttp(body, version)));
  });
});
