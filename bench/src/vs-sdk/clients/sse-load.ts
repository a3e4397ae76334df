// SendStreamingMessage load: `streams` SSE streams, `concurrency` open at once (one keep-alive
// connection each), counting every `data:` event and the time from sending a request to its first
// event. Prints `BENCH_JSON {...}` with its own CPU time.
// Usage: node --import tsx sse-load.ts <url> <v10|v03> <streams> <concurrency> <nonce> <final>
import { percentile, sendBody, versionHeaders } from './bodies.js';
import { Http1Connection, SseCounter } from './http1.js';

const [
  url = '',
  modeArg = 'v10',
  streamsArg = '2000',
  concurrencyArg = '200',
  nonce = '0',
  final = 'TASK_STATE_COMPLETED',
] = process.argv.slice(2);
const mode = modeArg as 'v10' | 'v03';
const streams = Number(streamsArg);
const concurrency = Number(concurrencyArg);
const target = new URL(url);
const headers = {
  'Content-Type': 'application/json',
  Accept: 'text/event-stream',
  ...versionHeaders(mode),
};
const head =
  `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');

const firstEventUs = new Float64Array(streams + concurrency);
let started = 0;
let finished = 0;
let events = 0;
let bad = 0;
let firstBad = '';

function stream(connection: Http1Connection, index: number): Promise<void> {
  const counter = new SseCounter();
  const t0 = performance.now();
  let status = 0;
  return new Promise((resolve) => {
    connection.request(head, sendBody(mode, index, `s-${nonce}-${index}`, { streaming: true }), {
      onHead: (h) => (status = h.status),
      onBody(chunk) {
        const before = counter.events;
        counter.feed(chunk);
        if (before === 0 && counter.events > 0)
          firstEventUs[index] = (performance.now() - t0) * 1000;
      },
      onEnd() {
        events += counter.events;
        if (status !== 200 || counter.events === 0 || !counter.lastData.includes(final)) {
          bad++;
          firstBad ||= `${status} ${counter.lastData.slice(0, 200)}`;
        }
        finished++;
        resolve();
      },
      onError(error) {
        bad++;
        firstBad ||= error.message;
        finished++;
        resolve();
      },
    });
  });
}

// Every connection is open and has carried one uncounted stream before the clock starts: the
// figures are about streams, not TCP set-up or the server accepting 200 connections at once.
const connections = Array.from(
  { length: concurrency },
  () => new Http1Connection(target.hostname, Number(target.port)),
);
await Promise.all(connections.map((connection) => connection.connect()));
await Promise.all(connections.map((connection, index) => stream(connection, streams + index)));
events = 0;
bad = 0;
firstBad = '';
finished = 0;
console.log('BENCH_START');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(
  connections.map(async (connection) => {
    while (started < streams) await stream(connection, started++);
    connection.close();
  }),
);
const durationUs = (performance.now() - t0) * 1000;
const cpu = process.cpuUsage(cpu0);
console.log('BENCH_END');
console.log(`BENCH_CPU ${cpu.user + cpu.system}`);
const sorted = firstEventUs
  .subarray(0, streams)
  .filter((us) => us > 0)
  .sort();
console.log(
  `BENCH_JSON ${JSON.stringify({
    streams: finished,
    events,
    bad,
    durationUs,
    cpuUs: cpu.user + cpu.system,
    ttfeUs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99) },
    firstBad,
  })}`,
);
