// The Node fallback of wrk: BENCH_LIMIT blocking requests over `connections` keep-alive sockets,
// configured by the same environment variables as bench/wrk/send-message.lua, printing the same
// `BENCH_JSON` line (and `BENCH_CPU`, its own CPU time). Bounded by its generator: a Node client
// saturates its core at a few thousand requests per second.
// Usage: node --import tsx http-load.ts <url> <connections>
import { Agent, request } from 'node:http';

import { percentile, sendBody, versionHeaders } from './bodies.js';

const [url = '', connectionsArg = '50'] = process.argv.slice(2);
const connections = Number(connectionsArg);
const mode = (process.env.BENCH_MODE ?? 'v10') as 'v10' | 'v03' | 'rest';
const limit = Number(process.env.BENCH_LIMIT ?? 1000);
const nonce = process.env.BENCH_NONCE ?? '0';
const expect = process.env.BENCH_EXPECT ?? 'TASK_STATE_COMPLETED';

const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies = new Float64Array(limit);
let sent = 0;
let done = 0;
let bad = 0;
let firstBad = '';
const errors = { connect: 0, read: 0, write: 0, status: 0, timeout: 0 };

function once(index: number): Promise<void> {
  const body = sendBody(mode, index, `m-${nonce}-${index}`);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...versionHeaders(mode),
  };
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        latencies[index] = (performance.now() - t0) * 1000;
        if (response.statusCode !== 200 || !text.includes(expect)) {
          bad++;
          firstBad ||= `${response.statusCode} ${text.slice(0, 200)}`;
        }
        done++;
        resolve();
      });
    });
    req.on('error', () => {
      errors.read++;
      resolve();
    });
    req.end(body);
  });
}

console.log('BENCH_START');
const cpu0 = process.cpuUsage();
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (sent < limit) await once(sent++);
  }),
);
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
    errors,
    latencyUs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
    firstBad,
  })}`,
);
agent.destroy();
