// SendStreamingMessage load through clients/sse-load.ts, and idle subscriptions through
// clients/idle-subscriptions.ts, both in their own processes on the load core.
import { spawn } from 'node:child_process';

import { collect } from './load.js';
import {
  BENCH_DIR,
  type BenchServer,
  here,
  nodeArgs,
  pinnedCommand,
  type Placement,
} from './processes.js';

/** What one streaming run measured. */
export interface StreamResult {
  streams: number;
  events: number;
  /** Streams that failed or did not end with the terminal event. */
  failures: number;
  firstFailure: string;
  seconds: number;
  eventsPerSec: number;
  streamsPerSec: number;
  /** Time from sending a request to its first event. */
  firstEventMs: { p50: number; p99: number };
  generatorCpu: number | undefined;
  serverCpu: number | undefined;
}

interface RawStreams {
  streams: number;
  events: number;
  bad: number;
  durationUs: number;
  ttfeUs: { p50: number; p99: number };
  firstBad: string;
}

let nonce = 0;

/** Runs `streams` SSE streams, `concurrency` at once, against a JSON-RPC endpoint. */
export async function runStreams(
  where: Placement,
  server: BenchServer,
  spec: { mode: 'v10' | 'v03'; streams: number; concurrency: number; final: string },
): Promise<StreamResult> {
  const [command, args] = pinnedCommand(where, where.loadCore, process.execPath, [
    ...nodeArgs(here('clients/sse-load.ts')),
    `${server.url}/a2a/jsonrpc`,
    spec.mode,
    String(spec.streams),
    String(spec.concurrency),
    `${process.pid}x${Date.now().toString(36)}x${nonce++}`,
    spec.final,
  ]);
  const child = spawn(command, args, { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const { raw, generatorCpu, serverCpu } = await collect<RawStreams>(child, server);
  const seconds = raw.durationUs / 1e6;
  return {
    streams: raw.streams,
    events: raw.events,
    failures: raw.bad,
    firstFailure: raw.firstBad,
    seconds,
    eventsPerSec: raw.events / seconds,
    streamsPerSec: raw.streams / seconds,
    firstEventMs: { p50: raw.ttfeUs.p50 / 1000, p99: raw.ttfeUs.p99 / 1000 },
    generatorCpu,
    serverCpu,
  };
}
