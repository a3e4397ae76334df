// Closed-loop HTTP load: N requests at concurrency C, with wrk (and its Lua script) on the load
// core, or a Node generator in its own process when wrk is missing.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type Readable } from 'node:stream';

import {
  BENCH_DIR,
  type BenchServer,
  cpuTimeUs,
  here,
  nodeArgs,
  pinnedCommand,
  type Placement,
} from './processes.js';

/** Request bodies of the load: JSON-RPC 1.0, JSON-RPC 0.3, HTTP+JSON (REST) 1.0. */
export type LoadMode = 'v10' | 'v03' | 'rest';

/** One load run. */
export interface LoadSpec {
  mode: LoadMode;
  /** Path below the server URL. */
  path: string;
  /** Responses to collect. */
  requests: number;
  connections: number;
  /** Text every successful answer contains. */
  expect: string;
  /** Hard bound of the run in seconds. @default 120 */
  maxSeconds?: number;
}

/** What a load run measured. */
export interface LoadResult {
  generator: 'wrk' | 'node';
  responses: number;
  /** Answers that were not 200 or lacked the expected text, plus socket errors and timeouts. */
  failures: number;
  firstFailure: string;
  seconds: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU of the load generator, as a fraction of one core. */
  generatorCpu: number | undefined;
  /** CPU of the server over the run, as a fraction of one core. */
  serverCpu: number | undefined;
}

interface RawLoad {
  responses: number;
  bad: number;
  durationUs: number;
  errors: Record<string, number>;
  latencyUs: { p50: number; p90: number; p99: number; max: number };
  firstBad: string;
}

let nonce = 0;

/** Runs a Node client script (`clients/*.ts`) on the load core and parses its result. */
export async function runNodeClient(
  where: Placement,
  server: BenchServer,
  file: string,
  args: readonly string[],
): Promise<LoadResult> {
  const [command, argv] = pinnedCommand(where, where.loadCore, process.execPath, [
    ...nodeArgs(here(file)),
    ...args,
  ]);
  const child = spawn(command, argv, { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  return collectLoad(child, server, 'node');
}

/** Runs one load against a server; resolves when the responses are in or the time is up. */
export async function runLoad(
  where: Placement,
  server: BenchServer,
  spec: LoadSpec,
  useWrk: boolean,
): Promise<LoadResult> {
  const maxSeconds = spec.maxSeconds ?? 120;
  const env = {
    ...process.env,
    BENCH_MODE: spec.mode,
    BENCH_PATH: spec.path,
    BENCH_LIMIT: String(spec.requests),
    BENCH_THREADS: '1',
    BENCH_NONCE: `${process.pid}x${Date.now().toString(36)}x${nonce++}`,
    BENCH_EXPECT: spec.expect,
  };
  const [command, args] = useWrk
    ? pinnedCommand(where, where.loadCore, 'wrk', [
        '-t1',
        `-c${spec.connections}`,
        `-d${maxSeconds}s`,
        '--timeout',
        '30s',
        '-s',
        here('../../wrk/send-message.lua'),
        `${server.url}${spec.path}`,
      ])
    : pinnedCommand(where, where.loadCore, process.execPath, [
        ...nodeArgs(here('clients/http-load.ts')),
        `${server.url}${spec.path}`,
        String(spec.connections),
      ]);
  const child = spawn(command, args, { cwd: BENCH_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return collectLoad(child, server, useWrk ? 'wrk' : 'node');
}

/** What a generator printed, with CPU figures around its measured span. */
export interface Collected<T> {
  raw: T;
  /** CPU of the generator over its measured span, as a fraction of one core. */
  generatorCpu: number | undefined;
  /** CPU of the server over the same span, as a fraction of one core. */
  serverCpu: number | undefined;
}

/**
 * Reads a generator's lines: `BENCH_START` / `BENCH_END` bracket its measured span (the server's
 * CPU is read there), `BENCH_STOPPED` (wrk: its thread has every response; wrk would otherwise
 * sleep for its whole -d, so it is interrupted), `BENCH_CPU <µs>` (a Node client's own CPU over
 * the span) and `BENCH_JSON {...}`, the result.
 */
export async function collect<T extends { durationUs: number }>(
  child: ChildProcessByStdio<null, Readable, Readable>,
  server: BenchServer,
): Promise<Collected<T>> {
  let serverCpuBefore = server.cpuUs();
  let started = performance.now();
  let generatorCpuUs: number | undefined;
  let ownCpuUs: number | undefined;
  let serverCpuAfter: number | undefined;
  let stoppedAt: number | undefined;
  let raw: T | undefined;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  lines.on('line', (line) => {
    if (line === 'BENCH_START') {
      serverCpuBefore = server.cpuUs();
      started = performance.now();
    } else if (line === 'BENCH_END' || line === 'BENCH_STOPPED') {
      stoppedAt = performance.now();
      serverCpuAfter = server.cpuUs();
      if (line === 'BENCH_STOPPED') {
        generatorCpuUs = cpuTimeUs(child.pid);
        child.kill('SIGINT');
      }
    } else if (line.startsWith('BENCH_JSON ')) {
      raw = JSON.parse(line.slice('BENCH_JSON '.length)) as T;
    } else if (line.startsWith('BENCH_CPU ')) {
      ownCpuUs = Number(line.slice('BENCH_CPU '.length));
    }
  });
  await exited;
  await new Promise((resolve) => setImmediate(resolve));
  if (!raw) throw new Error(`the load generator printed no result: ${stderr.trim()}`);
  const wall = ((stoppedAt ?? performance.now()) - started) * 1000;
  serverCpuAfter ??= server.cpuUs();
  return {
    raw,
    generatorCpu:
      ownCpuUs !== undefined
        ? ownCpuUs / raw.durationUs
        : generatorCpuUs === undefined
          ? undefined
          : generatorCpuUs / wall,
    serverCpu:
      serverCpuBefore === undefined || serverCpuAfter === undefined
        ? undefined
        : (serverCpuAfter - serverCpuBefore) / wall,
  };
}

async function collectLoad(
  child: ChildProcessByStdio<null, Readable, Readable>,
  server: BenchServer,
  generator: 'wrk' | 'node',
): Promise<LoadResult> {
  const { raw, generatorCpu, serverCpu } = await collect<RawLoad>(child, server);
  const seconds = raw.durationUs / 1e6;
  const socketErrors = Object.values(raw.errors).reduce((a, b) => a + b, 0);
  const ms = (us: number) => us / 1000;
  return {
    generator,
    responses: raw.responses,
    failures: raw.bad + socketErrors,
    firstFailure: raw.firstBad,
    seconds,
    requestsPerSec: raw.responses / seconds,
    latencyMs: {
      p50: ms(raw.latencyUs.p50),
      p90: ms(raw.latencyUs.p90),
      p99: ms(raw.latencyUs.p99),
      max: ms(raw.latencyUs.max),
    },
    generatorCpu,
    serverCpu,
  };
}
