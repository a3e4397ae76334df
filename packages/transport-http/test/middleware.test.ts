import { createRequestHandler, silentLogger } from '@baton/server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';

import { createA2AHono } from '../src/app.js';
import { serveNode } from '../src/node.js';
import {
  postJsonRpc,
  readSse,
  SSE_WRITERS,
  testCard,
  testExecutor,
  userMessage,
} from './fixtures.js';

// The app mounted in a hono app of the user's, with middleware around it: an SSE response keeps
// what middleware does to it, whichever way it is written.
async function withComposedApp(
  nativeSse: boolean,
  run: (url: string, streams: () => number) => Promise<void>,
) {
  const handler = createRequestHandler({
    agentCard: testCard,
    executor: testExecutor,
    logger: silentLogger,
  });
  const app = new Hono();
  app.use('*', cors({ origin: '*', exposeHeaders: ['X-After'] }));
  app.use('*', async (c, next) => {
    await next();
    if (c.req.header('X-Replace')) c.res = new Response('replaced', { status: 418 });
    else c.res.headers.set('X-After', 'yes');
  });
  // Heartbeats often: a dropped web body is noticed at the first one.
  app.route('/', createA2AHono(handler, { heartbeatMs: 200 }));
  const server = await serveNode(app, { nativeSse });
  try {
    await run(server.url, () => handler.stats.streams);
  } finally {
    await server.close();
    await handler.close({ graceMs: 100 });
  }
}

const streamingBody = (text: string) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'SendStreamingMessage',
  params: { message: userMessage(text) },
});

describe.each(SSE_WRITERS)('SSE through middleware, written by $writer', ({ nativeSse }) => {
  it('keeps the headers middleware sets before and after the handler', async () => {
    await withComposedApp(nativeSse, async (url) => {
      const response = await postJsonRpc(url, streamingBody('chunks 2'), {
        'A2A-Version': '1.0',
        Origin: 'http://example.com',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('x-after')).toBe('yes');
      const events = await readSse(response);
      expect(events.at(-1)!.data.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
    });
  });

  it('sends what middleware replaced the stream with, and drops the stream', async () => {
    await withComposedApp(nativeSse, async (url, streams) => {
      const response = await postJsonRpc(url, streamingBody('wait 60000'), {
        'A2A-Version': '1.0',
        'X-Replace': '1',
      });
      expect(response.status).toBe(418);
      expect(await response.text()).toBe('replaced');
      // The native writer knows the stream was not sent and ends it at once; a web body that
      // middleware dropped is never read nor canceled, and ends at its first heartbeat.
      await expect.poll(streams).toBe(0);
    });
  });
});
