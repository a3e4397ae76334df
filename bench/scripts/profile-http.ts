// Profiles a bench server under wrk load: starts it with --cpu-prof (pinned and prioritized like
// the vs-sdk suite), sends a warm-up and then the measured load, stops it and prints the top
// functions of its profile.
// Usage: node --import tsx scripts/profile-http.ts [baton|sdk|hono] [memory|sqlite] [requests]
//        [v10|v03|rest] [--stream]
// BATON_BENCH_STUB=1 makes the Baton server's sendMessage answer a fixed completed task at once
// (see servers/baton.ts): the profile then shows the HTTP binding and the dispatcher alone.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { runLoad } from '../src/vs-sdk/load.js';
import { hasWrk, placement, type ServerKind, startServer } from '../src/vs-sdk/processes.js';
import { runStreams } from '../src/vs-sdk/streams.js';

const [kind = 'baton', store = 'memory', requestsArg = '20000', mode = 'v10'] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'));
const streaming = process.argv.includes('--stream');
const requests = Number(requestsArg);
const dir = '/tmp/vs-sdk-profile';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const where = placement();
const server = await startServer(
  where,
  kind,
  kind as ServerKind,
  [store],
  ['--cpu-prof', `--cpu-prof-dir=${dir}`],
);
const expect = mode === 'v03' ? '"completed"' : 'TASK_STATE_COMPLETED';
const path = mode === 'rest' ? '/a2a/rest/message:send' : '/a2a/jsonrpc';
const load = (count: number) =>
  streaming
    ? runStreams(where, server, {
        mode: mode as 'v10' | 'v03',
        streams: count,
        concurrency: 200,
        final: expect,
      }).then(
        (r) => `${Math.round(r.eventsPerSec)} events/s, server CPU ${r.serverCpu?.toFixed(2)}`,
      )
    : runLoad(
        where,
        server,
        { mode: mode as 'v10', path, requests: count, connections: 50, expect },
        hasWrk(),
      ).then(
        (r) =>
          `${Math.round(r.requestsPerSec)} req/s, ${Math.round(((r.serverCpu ?? 0) * 1e6) / r.requestsPerSec)} µs CPU per request, ${r.failures} failures`,
      );
console.log(`warm-up: ${await load(Math.min(5000, requests))}`);
console.log(`measured: ${await load(requests)}`);
await server.stop();
await new Promise((resolve) => setTimeout(resolve, 500));
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
console.log(`profile: ${join(dir, file)}`);
