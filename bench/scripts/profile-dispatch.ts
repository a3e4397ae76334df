// Drives SendMessage through the JSON-RPC dispatcher in-process, 50 in flight, for profiling:
// node --cpu-prof --cpu-prof-dir=/tmp/vsprof --import tsx scripts/profile-dispatch.ts [count] [store]
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
const executor: AgentExecutor = {
  async execute(context, events) {
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
const handler = createRequestHandler({ agentCard: card, executor, store, logger: silentLogger });
const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
let n = 0;
const body = () =>
  `{"jsonrpc":"2.0","id":${n},"method":"SendMessage","params":{"message":{"messageId":"m-${n++}","role":"ROLE_USER","parts":[{"text":"Summarize the quarterly figures and flag anything unusual."}]}}}`;
async function worker(total: number) {
  for (let i = 0; i < total; i++) {
    const result = await dispatcher.dispatchText(body(), { protocolVersion: '1.0' });
    if (result.kind !== 'response' || !('result' in result.body))
      throw new Error(JSON.stringify(result));
    JSON.stringify(result.body);
  }
}
const purge = process.env.PURGE === '1';
const run = async (total: number) => {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let done = 0; done < total; done += 5000) {
    const chunk = Math.min(5000, total - done);
    await Promise.all(Array.from({ length: 50 }, () => worker(chunk / 50)));
    if (purge) await store.tasks.purge(new Date(Date.now() + 1000).toISOString());
  }
  const cpu = process.cpuUsage(cpu0);
  const perSec = (total / (performance.now() - started)) * 1000;
  return { perSec, cpuUs: (cpu.user + cpu.system) / total };
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
console.log(
  `${storeName}: ${Math.round(best.perSec)} SendMessage/s in-process (50 in flight), ` +
    `${best.cpuUs.toFixed(1)} µs CPU each (least of ${rounds.map((r) => r.cpuUs.toFixed(0)).join(', ')})` +
    `${purge ? ' (purged every 5,000)' : ''}`,
);
await handler.close();
await store.close();
