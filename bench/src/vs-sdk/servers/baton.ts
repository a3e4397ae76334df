// The Baton side of the vs-SDK bench: the bench agent behind createA2AHono (JSON-RPC 1.0 + 0.3,
// REST) and the WebSocket binding on one port, with the store named on the command line.
// Run as its own process by the orchestrator: `node --expose-gc --import tsx baton.ts memory`.
// BATON_BENCH_STUB=1 (a profiling aid, bench only): the handler's sendMessage answers a fixed
// completed task at once, without the executor, the store or reading the call's signal, so a
// profile shows what the HTTP binding and the dispatcher cost on their own.
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  createInMemoryStore,
  createRequestHandler,
  silentLogger,
} from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { createNodeRequestListener } from '@baton/transport-http/node';
import { withWebSocketInterfaces } from '@baton/transport-ws';
import { attachWebSocketServer } from '@baton/transport-ws/node';

import { adminMemory, announce, type BenchStoreName, WAIT_TEXT } from './common.js';

const storeName = (process.argv[2] ?? 'memory') as BenchStoreName;

const card: AgentCard = {
  name: 'Bench agent',
  description: 'working → one artifact → completed',
  supportedInterfaces: [],
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'bench', name: 'Bench', description: 'Benchmarks', tags: ['bench'] }],
};

/** The bench behaviour; `wait` keeps the task working until it is canceled (idle streams). */
const executor: AgentExecutor = {
  async execute(context, events) {
    await events.working();
    if (context.message.parts[0]?.text === WAIT_TEXT) {
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
      return;
    }
    await events.addArtifact({
      artifactId: 'result',
      name: 'result',
      parts: [{ text: `ok: ${context.message.messageId}` }],
    });
    await events.complete();
  },
};

async function openStore(): Promise<{ store: BatonStore; cleanup: () => Promise<void> }> {
  if (storeName === 'memory') return { store: createInMemoryStore(), cleanup: async () => {} };
  if (storeName === 'sqlite') {
    const { createSqliteStore } = await import('@baton/store-sqlite');
    const dir = join(tmpdir(), `baton-bench-${process.pid}`);
    // The default durability (synchronous FULL): what users get.
    const store = createSqliteStore({ path: join(dir, 'bench.sqlite') });
    const cleanup = async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { store, cleanup };
  }
  const { createPostgresStore } = await import('@baton/store-postgres');
  const schema = `bench_${process.pid}`;
  const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = await createPostgresStore({ connectionString, schema, maxConnections: 20 });
  const cleanup = async () => {
    await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await store.close();
  };
  return { store, cleanup };
}

const { store, cleanup } = await openStore();
// What serveNode runs: the JSON-RPC route straight to the binding, everything else through hono's
// Node adapter, SSE written straight to the response. Profiling aids: BATON_DIRECT_JSONRPC=0 sends
// JSON-RPC through hono too; BATON_NATIVE_SSE=0 streams through the web Response body instead, as
// on other runtimes. The listener is added once the app exists (the app needs the port).
const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };
const handler = createRequestHandler({
  agentCard: withWebSocketInterfaces(card, `ws://127.0.0.1:${port}/a2a/ws`),
  executor,
  store,
  logger: silentLogger,
  // Finished tasks expire at once; the timer only runs hourly, so the bench triggers the purge
  // itself (POST /__bench/retention) once the load is over.
  retention: { maxAgeMs: 0, intervalMs: 3_600_000 },
});
if (process.env.BATON_BENCH_STUB === '1') {
  handler.sendMessage = async (params) => {
    const id = params.message.messageId;
    return {
      task: {
        id,
        contextId: id,
        status: { state: 'TASK_STATE_COMPLETED', timestamp: new Date().toISOString() },
        artifacts: [{ artifactId: 'result', name: 'result', parts: [{ text: `ok: ${id}` }] }],
      },
    };
  };
}
const app = createA2AHono(handler, { baseUrl: `http://127.0.0.1:${port}` });
server.on(
  'request',
  createNodeRequestListener(
    process.env.BATON_DIRECT_JSONRPC === '0'
      ? { fetch: (request, env) => app.fetch(request, env) }
      : app,
    { nativeSse: process.env.BATON_NATIVE_SSE !== '0' },
  ),
);
attachWebSocketServer(server, handler, { logger: silentLogger });

// Bench-only admin routes: memory after GC, and a retention run now.
app.get('/__bench/memory', async (c) => c.json({ ...(await adminMemory()), ...handler.stats }));
app.post('/__bench/retention', async (c) => c.json({ purged: await handler.purgeExpiredTasks() }));

const stop = async () => {
  server.closeAllConnections();
  server.close();
  await handler.close({ graceMs: 100 });
  await cleanup().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

announce(port);
