// The ceiling of the HTTP stack Baton runs on: a bare hono route on @hono/node-server that parses
// the same JSON-RPC body and answers a task-sized JSON result, with no A2A work at all.
import { type Server } from 'node:http';

import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';

import { adminMemory, announce } from './common.js';

const app = new Hono();
app.post('/a2a/jsonrpc', async (c) => {
  const body = await c.req.json<{ id: number; params: { message: { messageId: string } } }>();
  const { messageId } = body.params.message;
  return c.json({
    jsonrpc: '2.0',
    id: body.id,
    result: {
      task: {
        id: messageId,
        contextId: messageId,
        status: { state: 'TASK_STATE_COMPLETED', timestamp: new Date().toISOString() },
        artifacts: [
          { artifactId: 'result', name: 'result', parts: [{ text: `ok: ${messageId}` }] },
        ],
      },
    },
  });
});
app.get('/__bench/memory', async (c) => c.json(await adminMemory()));
app.post('/__bench/retention', (c) => c.json({ purged: 0 }));

const server = createAdaptorServer({ fetch: app.fetch }) as Server;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
announce((server.address() as { port: number }).port);
