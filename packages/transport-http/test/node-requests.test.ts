import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type CallContext } from '@baton/server';
import { afterEach, describe, expect, it } from 'vitest';

import { createNodeRequestListener, type NodeFetchEnv } from '../src/node.js';
import { SSE_HOST, type SseHostSource } from '../src/sse.js';
import {
  postJsonRpc,
  readSse,
  rpc,
  SSE_WRITERS,
  startTestAgent,
  type TestAgent,
  userMessage,
} from './fixtures.js';

let agent: TestAgent | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  }
  await agent?.close();
  agent = undefined;
});

describe.each(SSE_WRITERS)('a blocking call, written by $writer', ({ nativeSse }) => {
  it('stops waiting when the client goes away (the signal is read when needed)', async () => {
    agent = await startTestAgent({ nativeSse });
    const { handler } = agent;
    const sendMessage = handler.sendMessage.bind(handler);
    let ended: 'resolved' | 'rejected' | undefined;
    handler.sendMessage = (params, context?: CallContext) =>
      sendMessage(params, context).then(
        (result) => ((ended = 'resolved'), result),
        (error: unknown) => {
          ended = 'rejected';
          throw error;
        },
      );
    const client = new AbortController();
    const request = { jsonrpc: '2.0', id: 1, method: 'SendMessage', params: {} };
    request.params = { message: userMessage('wait 3000') };
    const response = postJsonRpc(agent.url, request, undefined, client.signal);
    response.catch(() => undefined);
    await expect.poll(() => handler.stats.runs).toBe(1);
    client.abort();
    await expect.poll(() => ended).toBe('rejected');
  });
});

describe('createNodeRequestListener', () => {
  /** The test agent behind a listener that counts the SSE hosts the app asks for. */
  async function countingServer(): Promise<{ url: string; hosts: () => number }> {
    agent = await startTestAgent({ listen: false });
    const app = agent.app;
    const created = new Set<unknown>();
    const listener = createNodeRequestListener({
      fetch: (request, env: NodeFetchEnv) => {
        const source = env[SSE_HOST]!;
        const counting: SseHostSource = {
          hostFor: (target) => {
            const host = source.hostFor(target);
            created.add(host);
            return host;
          },
        };
        env[SSE_HOST] = counting;
        return app.fetch(request, env);
      },
    });
    server = createServer(listener);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, hosts: () => created.size };
  }

  it('creates no SSE host for a request that does not stream', async () => {
    const { url, hosts } = await countingServer();
    const { result } = await rpc(url, 'SendMessage', { message: userMessage('reply hi') });
    expect(result.message.parts[0].text).toBe('reply: hi');
    expect(hosts()).toBe(0);
  });

  it('creates one for a stream, which still goes out natively', async () => {
    const { url, hosts } = await countingServer();
    const request = { message: userMessage('chunks 2') };
    const body = { jsonrpc: '2.0', id: 1, method: 'SendStreamingMessage', params: request };
    const events = await readSse(await postJsonRpc(url, body));
    expect(events.at(-1)!.data.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
    expect(hosts()).toBe(1);
  });
});
