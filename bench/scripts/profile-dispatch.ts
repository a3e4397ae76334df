// Drives SendMessage through the JSON-RPC dispatcher in-process, 50 in flight, for profiling:
// node --cpu-prof --cpu-prof-dir=/tmp/vsprof --import tsx scripts/profile-dispatch.ts [count] [memory|sqlite|postgres]
// Switches: STREAM=1 (SendStreamingMessage), EXECUTOR=reply (a direct reply), PROTOCOL=0.3 (the
// 0.3 method names and shapes, as the vs-SDK bench's 0.3 client sends them), PURGE=1, ALLOC=file.
import v8 from 'node:v8';

import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  createInMemoryStore,
  createJsonRpcDispatcher,
  createRequestHandler,
  silentLogger,
} from '@baton/server';

const count = Number(process.argv[2] ?? 20000);
const storeName = process.argv[3] ?? 'memory';
const card: AgentCard = {
  name: 'Bench agent',
  description: 'working → one artifact → completed',
  supportedInterfaces: [],
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [],
};
// EXECUTOR=reply: a direct reply instead of a task (the fixed cost of accepting a message).
const replyOnly = process.env.EXECUTOR === 'reply';
const executor: AgentExecutor = {
  async execute(context, events) {
    if (replyOnly) return events.reply('ok');
    await events.working();
    await events.addArtifact({
      artifactId: 'result',
      name: 'result',
      parts: [{ text: `ok: ${context.message.messageId}` }],
    });
    await events.complete();
  },
};
let store: BatonStore = createInMemoryStore();
if (storeName === 'sqlite') {
  const { createSqliteStore } = await import('@baton/store-sqlite');
  store = createSqliteStore({ path: `/tmp/vsprof/dispatch-${process.pid}.sqlite` });
}
// postgres: a schema of its own on DATABASE_URL (default the local test database), dropped after.
const pgSchema = `profile_dispatch_${process.pid}`;
if (storeName === 'postgres') {
  const { createPostgresStore } = await import('@baton/store-postgres');
  store = await createPostgresStore({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    schema: pgSchema,
    // The schema is dropped before the store closes: its lease has nowhere to be given up.
    logger: silentLogger,
  });
}
const handler = createRequestHandler({ agentCard: card, executor, store, logger: silentLogger });
const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
// STREAM=1: SendStreamingMessage instead, every event read and serialized.
const streaming = process.env.STREAM === '1';
const v03 = process.env.PROTOCOL === '0.3';
const protocolVersion = v03 ? '0.3' : '1.0';
const methods = v03 ? ['message/send', 'message/stream'] : ['SendMessage', 'SendStreamingMessage'];
const method = methods[streaming ? 1 : 0]!;
const text = 'Summarize the quarterly figures and flag anything unusual.';
let n = 0;
const body = v03
  ? () =>
      `{"jsonrpc":"2.0","id":${n},"method":"${method}","params":{"message":{"kind":"message","messageId":"m-${n++}","role":"user","parts":[{"kind":"text","text":"${text}"}]}}}`
  : () =>
      `{"jsonrpc":"2.0","id":${n},"method":"${method}","params":{"message":{"messageId":"m-${n++}","role":"ROLE_USER","parts":[{"text":"${text}"}]}}}`;
async function worker(total: number) {
  for (let i = 0; i < total; i++) {
    const result = await dispatcher.dispatchText(body(), { protocolVersion });
    if (result.kind === 'stream') {
      let events = 0;
      for await (const item of result.events) {
        JSON.stringify(item.body);
        events++;
      }
      if (events !== 4) throw new Error(`expected 4 events, got ${events}`);
      continue;
    }
    if (result.kind !== 'response' || !('result' in result.body))
      throw new Error(JSON.stringify(result));
    JSON.stringify(result.body);
  }
}
const purge = process.env.PURGE === '1';
const usedHeap = () => v8.getHeapStatistics().used_heap_size;
const run = async (total: number) => {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  // Bytes allocated: what each collection freed plus what the heap grew by. Unlike time, this
  // barely moves with the machine's load.
  const gc = new v8.GCProfiler();
  const heap0 = usedHeap();
  gc.start();
  for (let done = 0; done < total; done += 5000) {
    const chunk = Math.min(5000, total - done);
    await Promise.all(Array.from({ length: 50 }, () => worker(chunk / 50)));
    if (purge) await store.tasks.purge(new Date(Date.now() + 1000).toISOString());
  }
  const heap1 = usedHeap();
  const freed = (gc.stop()?.statistics ?? []).reduce(
    (sum, { beforeGC, afterGC }) =>
      sum + beforeGC.heapStatistics.usedHeapSize - afterGC.heapStatistics.usedHeapSize,
    0,
  );
  const cpu = process.cpuUsage(cpu0);
  const perSec = (total / (performance.now() - started)) * 1000;
  return {
    perSec,
    cpuUs: (cpu.user + cpu.system) / total,
    kb: (freed + heap1 - heap0) / total / 1024,
  };
};
await run(2000);
if (process.env.ALLOC) {
  // Allocation sites, collected objects included: what feeds the garbage collector.
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await run(count);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.ALLOC, JSON.stringify(profile));
  console.log(`allocation profile: ${process.env.ALLOC}`);
}
// The least CPU of a few rounds: other load on the machine only ever adds to it.
const rounds = [];
for (let i = 0; i < 3; i++) rounds.push(await run(count / 3));
const best = rounds.reduce((a, b) => (a.cpuUs < b.cpuUs ? a : b));
const kb = rounds.map((r) => r.kb).sort((a, b) => a - b)[1]!;
console.log(
  `${storeName}: ${Math.round(best.perSec)} ${method}/s in-process (50 in flight), ` +
    `${best.cpuUs.toFixed(1)} µs CPU each (least of ${rounds.map((r) => r.cpuUs.toFixed(0)).join(', ')}), ` +
    `${kb.toFixed(1)} KB allocated each (median), protocol ${protocolVersion}` +
    `${purge ? ' (purged every 5,000)' : ''}`,
);
await handler.close();
if (storeName === 'postgres') {
  const { PostgresStore } = await import('@baton/store-postgres');
  if (store instanceof PostgresStore) await store.pool.query(`DROP SCHEMA ${pgSchema} CASCADE`);
}
await store.close();
