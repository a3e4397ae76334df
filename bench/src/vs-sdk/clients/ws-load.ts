// SendMessage over Baton's WebSocket binding: `requests` blocking calls, `inflight` at once,
// multiplexed over `sockets` connections (answers matched by JSON-RPC id). Prints the same
// `BENCH_JSON` / `BENCH_CPU` lines as http-load.ts. Bounded by this Node client.
// Usage: node --import tsx ws-load.ts <ws-url> <requests> <inflight> <sockets> <nonce>
import WebSocket from 'ws';

import { percentile, sendBody } from './bodies.js';

const [url = '', requestsArg = '5000', inflightArg = '50', socketsArg = '1', nonce = '0'] =
  process.argv.slice(2);
const requests = Number(requestsArg);
const inflight = Number(inflightArg);
const socketCount = Number(socketsArg);
const expect = 'TASK_STATE_COMPLETED';

const pending = new Map<number, (text: string) => void>();
const sockets = await Promise.all(
  Array.from({ length: socketCount }, async () => {
    const socket = new WebSocket(`${url}?A2A-Version=1.0`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      const id = (JSON.parse(text) as { id?: number }).id;
      const resolve = id === undefined ? undefined : pending.get(id);
      if (!resolve) return;
      pending.delete(id!);
      resolve(text);
    });
    return socket;
  }),
);

let nextId = 1;
function call(index: number): Promise<string> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    sockets[id % socketCount]!.send(sendBody('v10', id, `w-${nonce}-${index}`));
  });
}

const latencies = new Float64Array(requests);
let sent = 0;
let done = 0;
let bad = 0;
let firstBad = '';
async function run(total: number, record: boolean): Promise<void> {
  let issued = 0;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (issued < total) {
        issued++;
        const index = sent++;
        const t0 = performance.now();
        const text = await call(index);
        if (!record) continue;
        latencies[done++] = (performance.now() - t0) * 1000;
        if (!text.includes(expect)) {
          bad++;
          firstBad ||= text.slice(0, 200);
        }
      }
    }),
  );
}

await run(Math.min(1000, requests), false);
console.log('BENCH_START');
const cpu0 = process.cpuUsage();
const started = performance.now();
await run(requests, true);
const durationUs = (performance.now() - started) * 1000;
const cpu = process.cpuUsage(cpu0);
console.log('BENCH_END');
const sorted = latencies.slice(0, done).sort();
console.log(`BENCH_CPU ${cpu.user + cpu.system}`);
console.log(
  `BENCH_JSON ${JSON.stringify({
    requests: done,
    responses: done,
    bad,
    durationUs,
    errors: {},
    latencyUs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
    firstBad,
  })}`,
);
for (const socket of sockets) socket.close();
