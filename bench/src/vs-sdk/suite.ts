// The vs-SDK suite: starts the servers, runs every part with interleaved rounds, and returns the
// raw results (every round of every target) for the report.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { type Part, type SuiteConfig } from './config.js';
import { type LoadMode, type LoadResult, runLoad, runNodeClient } from './load.js';
import {
  BENCH_DIR,
  type BenchServer,
  hasWrk,
  here,
  nodeArgs,
  pinnedCommand,
  type Placement,
  placement,
  startServer,
  stopChild,
} from './processes.js';
import { type MemoryProbe } from './servers/common.js';
import { runStreams, type StreamResult } from './streams.js';

/** Memory of one server through the memory part. */
export interface MemoryPhases {
  idle?: MemoryProbe;
  afterLoad?: MemoryProbe;
  afterRetention?: MemoryProbe;
  /** After `tasks` more SendMessage calls (finished tasks, before retention). */
  afterTasks?: MemoryProbe;
  afterTasksRetention?: MemoryProbe;
  tasks: number;
  purged: number[];
  retention: 'purge' | 'none';
}

/** Idle subscriptions on a fresh Baton server. */
export interface IdleResult {
  /** SSE: a connection per stream; WebSocket: `perTask` sockets, one stream of each task each. */
  carrier: 'sse' | 'ws';
  subscriptions: number;
  failed: number;
  tasks: number;
  idle: MemoryProbe & { streams?: number };
  subscribed: MemoryProbe & { streams?: number };
  closed: MemoryProbe & { streams?: number };
}

/** Everything one suite run measured. */
export interface SuiteResults {
  placement: Placement;
  generator: 'wrk' | 'node';
  send: Record<string, LoadResult[]>;
  stream: Record<string, StreamResult[]>;
  ws: LoadResult[];
  memory: { baton: MemoryPhases; sdk: MemoryPhases } | undefined;
  idle: IdleResult[];
  notes: string[];
}

interface SendTarget {
  id: string;
  server: BenchServer | undefined;
  mode: LoadMode;
  path: string;
  expect: string;
  rounds: number;
}

const COMPLETED_10 = 'TASK_STATE_COMPLETED';
const COMPLETED_03 = '"completed"';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const pct = (value: number | undefined) =>
  value === undefined ? '?' : `${Math.round(value * 100)}%`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs the parts of the suite named in `config`; `log` gets one line per step. */
export async function runSuite(
  config: SuiteConfig,
  log: (line: string) => void,
): Promise<SuiteResults> {
  const where = placement();
  const useWrk = hasWrk();
  const notes: string[] = [];
  const has = (part: Part) => config.parts.includes(part);
  if (!where.pinned) {
    notes.push('taskset or a second core is missing: server and load generator share the CPUs.');
  }
  if (!useWrk) {
    notes.push(
      'wrk is not installed: SendMessage figures come from a Node load generator and are bounded ' +
        'by it (it saturates its core near 5,000 requests/s). Install wrk: apt-get install -y wrk',
    );
  }
  for (const note of notes) log(`WARNING: ${note}`);
  log(
    where.pinned
      ? `servers on core ${where.serverCore}, load generators on core ${where.loadCore}, nice ${where.nice}`
      : `no pinning, nice ${where.nice}`,
  );

  const servers: BenchServer[] = [];
  const start = async (label: string, ...args: Parameters<typeof startServer>) => {
    const server = await startServer(...args);
    servers.push(server);
    log(`started ${label} (pid ${server.pid}, ${server.url})`);
    return server;
  };
  const results: SuiteResults = {
    placement: where,
    generator: useWrk ? 'wrk' : 'node',
    send: {},
    stream: {},
    ws: [],
    memory: undefined,
    idle: [],
    notes,
  };
  try {
    const needMain = has('send') || has('stream') || has('memory');
    const baton = needMain
      ? await start('Baton, in-memory store', where, 'Baton', 'baton', ['memory'])
      : undefined;
    const sdk = needMain
      ? await start('@a2a-js/sdk, InMemoryTaskStore', where, 'SDK', 'sdk')
      : undefined;
    const memory = { baton: newPhases(), sdk: newPhases() };
    if (has('memory') && baton && sdk) {
      memory.baton.idle = await baton.memory();
      memory.sdk.idle = await sdk.memory();
      log(`RSS idle: Baton ${mb(memory.baton.idle.rss)}, SDK ${mb(memory.sdk.idle.rss)}`);
    }

    if (has('send')) {
      // REST and WebSocket load go to a second Baton, so both main servers see the same load.
      const extra = await start('Baton (REST, WebSocket)', where, 'Baton extra', 'baton', [
        'memory',
      ]);
      const hono = await start('bare hono route', where, 'hono', 'hono');
      const only = process.env.VS_SDK_TARGETS?.split(',');
      const wanted = (id: string) => !only || only.includes(id);
      const sqlite = wanted('baton-sqlite-v10')
        ? await start('Baton, SQLite store', where, 'Baton SQLite', 'baton', ['sqlite'])
        : undefined;
      let postgres: BenchServer | undefined;
      try {
        if (wanted('baton-postgres-v10')) {
          postgres = await start('Baton, PostgreSQL store', where, 'Baton PostgreSQL', 'baton', [
            'postgres',
          ]);
        }
      } catch (error) {
        const note = `PostgreSQL not reachable, its row is skipped: ${String(error).split('\n')[0]}`;
        notes.push(note);
        log(note);
      }
      const rounds = config.send.rounds;
      const targets: SendTarget[] = [
        {
          id: 'baton-v10',
          server: baton,
          mode: 'v10',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_10,
          rounds,
        },
        {
          id: 'sdk-v10',
          server: sdk,
          mode: 'v10',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_10,
          rounds,
        },
        {
          id: 'hono',
          server: hono,
          mode: 'v10',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_10,
          rounds,
        },
        {
          id: 'baton-v03',
          server: baton,
          mode: 'v03',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_03,
          rounds,
        },
        {
          id: 'sdk-v03',
          server: sdk,
          mode: 'v03',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_03,
          rounds,
        },
        {
          id: 'baton-rest',
          server: extra,
          mode: 'rest',
          path: '/a2a/rest/message:send',
          expect: COMPLETED_10,
          rounds,
        },
        {
          id: 'baton-sqlite-v10',
          server: sqlite,
          mode: 'v10',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_10,
          rounds,
        },
        {
          id: 'baton-postgres-v10',
          server: postgres,
          mode: 'v10',
          path: '/a2a/jsonrpc',
          expect: COMPLETED_10,
          rounds: Math.min(rounds, config.postgresRounds),
        },
      ];
      await runSendRounds(where, useWrk, config, targets, results, log);

      if (has('ws')) {
        for (let round = 0; round < 3; round++) {
          const result = await runNodeClient(where, extra, 'clients/ws-load.ts', [
            `${extra.url.replace('http', 'ws')}/a2a/ws`,
            String(config.send.requests),
            String(config.send.connections),
            '1',
            `ws${round}x${Date.now().toString(36)}`,
          ]);
          results.ws.push(result);
          log(`WebSocket SendMessage round ${round + 1}/3: ${describeLoad(result)}`);
        }
      }
    }

    if (has('stream') && baton && sdk)
      await runStreamRounds(where, config, baton, sdk, results, log);

    if (has('memory') && baton && sdk) {
      for (const [name, server] of [
        ['baton', baton],
        ['sdk', sdk],
      ] as const) {
        await measureMemory(where, useWrk, config, server, memory[name], log);
      }
      results.memory = memory;
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  if (has('idle')) {
    for (const carrier of ['sse', 'ws'] as const) {
      results.idle.push(await idleSubscriptions(where, config, carrier, log));
    }
  }
  return results;
}

function newPhases(): MemoryPhases {
  return { tasks: 0, purged: [], retention: 'none' };
}

function describeLoad(result: LoadResult): string {
  const failures =
    result.failures > 0 ? `, ${result.failures} FAILED (${result.firstFailure})` : '';
  const cpuPerRequest =
    result.serverCpu === undefined
      ? '?'
      : int.format((result.serverCpu * 1e6) / result.requestsPerSec);
  return (
    `${int.format(result.requestsPerSec)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, ` +
    `p99 ${result.latencyMs.p99.toFixed(1)} ms (${result.generator} CPU ${pct(result.generatorCpu)}, ` +
    `server CPU ${pct(result.serverCpu)}, ${cpuPerRequest} µs per request)${failures}`
  );
}

async function runSendRounds(
  where: Placement,
  useWrk: boolean,
  config: SuiteConfig,
  targets: readonly SendTarget[],
  results: SuiteResults,
  log: (line: string) => void,
): Promise<void> {
  // VS_SDK_TARGETS=baton-v10,sdk-v10 narrows a local run to some targets.
  const only = process.env.VS_SDK_TARGETS?.split(',');
  const live = targets.filter(
    (target) => target.server !== undefined && (!only || only.includes(target.id)),
  );
  const spec = (target: SendTarget, requests: number) => ({
    mode: target.mode,
    path: target.path,
    requests,
    connections: config.send.connections,
    expect: target.expect,
  });
  for (const target of live) {
    const warm = await runLoad(where, target.server!, spec(target, config.send.warmup), useWrk);
    log(`warm-up SendMessage ${target.id}: ${describeLoad(warm)}`);
  }
  const most = Math.max(...live.map((target) => target.rounds));
  // Rounds interleave the targets, so drift on a shared machine hits them alike.
  for (let round = 0; round < most; round++) {
    for (const target of live) {
      if (round >= target.rounds) continue;
      const result = await runLoad(
        where,
        target.server!,
        spec(target, config.send.requests),
        useWrk,
      );
      (results.send[target.id] ??= []).push(result);
      log(`SendMessage ${target.id} round ${round + 1}/${target.rounds}: ${describeLoad(result)}`);
    }
  }
}

async function runStreamRounds(
  where: Placement,
  config: SuiteConfig,
  baton: BenchServer,
  sdk: BenchServer,
  results: SuiteResults,
  log: (line: string) => void,
): Promise<void> {
  const targets = [
    { id: 'baton-v10', server: baton, mode: 'v10', final: COMPLETED_10 },
    { id: 'sdk-v10', server: sdk, mode: 'v10', final: COMPLETED_10 },
    { id: 'baton-v03', server: baton, mode: 'v03', final: COMPLETED_03 },
    { id: 'sdk-v03', server: sdk, mode: 'v03', final: COMPLETED_03 },
  ] as const;
  const { concurrency } = config.stream;
  for (const target of targets) {
    await runStreams(where, target.server, {
      ...target,
      streams: config.stream.warmup,
      concurrency,
    });
  }
  for (let round = 0; round < config.stream.rounds; round++) {
    for (const target of targets) {
      const result = await runStreams(where, target.server, {
        ...target,
        streams: config.stream.streams,
        concurrency,
      });
      (results.stream[target.id] ??= []).push(result);
      const failures =
        result.failures > 0 ? `, ${result.failures} FAILED (${result.firstFailure})` : '';
      log(
        `SendStreamingMessage ${target.id} round ${round + 1}/${config.stream.rounds}: ` +
          `${int.format(result.eventsPerSec)} events/s, first event p50 ` +
          `${result.firstEventMs.p50.toFixed(1)} ms, p99 ${result.firstEventMs.p99.toFixed(1)} ms ` +
          `(client CPU ${pct(result.generatorCpu)}, server CPU ${pct(result.serverCpu)})${failures}`,
      );
    }
  }
}

async function measureMemory(
  where: Placement,
  useWrk: boolean,
  config: SuiteConfig,
  server: BenchServer,
  phases: MemoryPhases,
  log: (line: string) => void,
): Promise<void> {
  phases.afterLoad = await server.memory();
  const first = await server.retention();
  phases.purged.push(first.purged);
  phases.retention = 'unsupported' in first ? 'none' : 'purge';
  phases.afterRetention = await server.memory();
  const load = {
    mode: 'v10' as const,
    path: '/a2a/jsonrpc',
    requests: config.memoryTasks,
    connections: config.send.connections,
    expect: COMPLETED_10,
  };
  await runLoad(where, server, load, useWrk);
  phases.tasks = config.memoryTasks;
  phases.afterTasks = await server.memory();
  phases.purged.push((await server.retention()).purged);
  phases.afterTasksRetention = await server.memory();
  log(
    `memory ${server.label}: RSS after load ${mb(phases.afterLoad.rss)}, after retention ` +
      `${mb(phases.afterRetention.rss)}; heap +${mb(phases.afterTasks.heapUsed - phases.afterRetention.heapUsed)} ` +
      `for ${config.memoryTasks} finished tasks, ${mb(phases.afterTasksRetention.heapUsed - phases.afterRetention.heapUsed)} ` +
      `after retention (purged ${phases.purged.join(' + ')})`,
  );
}

async function idleSubscriptions(
  where: Placement,
  config: SuiteConfig,
  carrier: 'sse' | 'ws',
  log: (line: string) => void,
): Promise<IdleResult> {
  const server = await startServer(where, 'Baton idle', 'baton', ['memory']);
  const { tasks, perTask } = config.idle;
  const [command, args] = pinnedCommand(where, where.loadCore, process.execPath, [
    ...nodeArgs(here('clients/idle-subscriptions.ts')),
    server.url,
    String(tasks),
    String(perTask),
    Date.now().toString(36),
    carrier,
  ]);
  const child = spawn(command, args, { cwd: BENCH_DIR, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const expectLine = async (prefix: string) => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the idle-subscription client exited before ${prefix}`);
      if (String(value).startsWith(prefix)) return String(value);
    }
  };
  try {
    await expectLine('TASKS_READY');
    const idle = await server.memory();
    child.stdin.write('go\n');
    const [, open = '0', failed = '0'] = (await expectLine('SUBSCRIBED')).split(' ');
    const subscribed = await server.memory();
    child.stdin.write('close\n');
    await expectLine('CLOSED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const closed = await server.memory();
    const result = {
      carrier,
      subscriptions: Number(open),
      failed: Number(failed),
      tasks,
      idle,
      subscribed,
      closed,
    };
    log(
      `${int.format(result.subscriptions)} idle ${carrier === 'sse' ? 'SSE subscriptions, a connection each' : `WebSocket subscriptions over ${perTask} sockets`} (${tasks} working tasks): RSS ` +
        `${mb(idle.rss)} → ${mb(subscribed.rss)} (+${mb(subscribed.rss - idle.rss)}), ` +
        `${mb(closed.rss)} once closed; ${result.failed} failed`,
    );
    return result;
  } finally {
    await stopChild(child);
    await server.stop();
  }
}
