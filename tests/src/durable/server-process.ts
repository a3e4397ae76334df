// A Baton server in its own process, for tests that kill it: `node --import tsx
// server-process.ts '<json config>'`. Prints `ready <json>` once it serves.
import { type RecoveryMode, silentLogger, startRequestHandler } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';

import { slowAgentCard, slowExecutor } from './slow-agent.js';
import { openStore, type StoreLocation } from './stores.js';

interface ServerProcessConfig {
  location: StoreLocation;
  recovery: RecoveryMode;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServerProcessConfig;
const store = await openStore(config.location);
const handler = await startRequestHandler({
  agentCard: slowAgentCard,
  executor: slowExecutor,
  store,
  logger: silentLogger,
  recovery: config.recovery,
});
const server = await serveNode(createA2AHono(handler));
const recovery = await handler.ready;
process.stdout.write(`ready ${JSON.stringify({ url: server.url, recovery })}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await server.close();
    await handler.close({ graceMs: 100 });
    await store.close();
    process.exit(0);
  })();
});
