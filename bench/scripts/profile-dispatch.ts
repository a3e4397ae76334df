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
const run = async (total: number) => {
  const started = performance.now();
  await Promise.all(Array.from({ length: 50 }, () => worker(total / 50)));
  return (total / (performance.now() - started)) * 1000;
};
await run(2000);
console.log(
  `${storeName}: ${Math.round(await run(count))} SendMessage/s in-process (50 in flight)`,
);
await handler.close();
await store.close();
