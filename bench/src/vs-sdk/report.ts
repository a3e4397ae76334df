// The vs-SDK tables: medians of the rounds, Baton / SDK ratios, and which targets are met.
import { type LoadResult } from './load.js';
import { type StreamResult } from './streams.js';
import { type SuiteResults } from './suite.js';

function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians of a SendMessage target's rounds. */
export interface SendSummary {
  rounds: number;
  requestsPerSec: number | undefined;
  p50: number | undefined;
  p99: number | undefined;
  generatorCpu: number | undefined;
  serverCpu: number | undefined;
  /** Server CPU time per request (µs), the median of the rounds' figures. */
  cpuUsPerRequest: number | undefined;
  failures: number;
}

/** Medians of a streaming target's rounds. */
export interface StreamSummary {
  rounds: number;
  eventsPerSec: number | undefined;
  firstEventP50: number | undefined;
  firstEventP99: number | undefined;
  generatorCpu: number | undefined;
  serverCpu: number | undefined;
  /** Server CPU time per event (µs), the median of the rounds' figures. */
  cpuUsPerEvent: number | undefined;
  failures: number;
}

/** CPU µs per unit of work in a round: the server's CPU fraction over its rate. */
const perUnit = (cpu: number | undefined, rate: number) =>
  cpu === undefined || !(rate > 0) ? undefined : (cpu * 1e6) / rate;

const pick = <T>(rounds: readonly T[], get: (round: T) => number | undefined) =>
  median(rounds.map(get).filter((v): v is number => v !== undefined));

export function summarizeSend(rounds: readonly LoadResult[] = []): SendSummary {
  return {
    rounds: rounds.length,
    requestsPerSec: pick(rounds, (r) => r.requestsPerSec),
    p50: pick(rounds, (r) => r.latencyMs.p50),
    p99: pick(rounds, (r) => r.latencyMs.p99),
    generatorCpu: pick(rounds, (r) => r.generatorCpu),
    serverCpu: pick(rounds, (r) => r.serverCpu),
    cpuUsPerRequest: pick(rounds, (r) => perUnit(r.serverCpu, r.requestsPerSec)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

export function summarizeStream(rounds: readonly StreamResult[] = []): StreamSummary {
  return {
    rounds: rounds.length,
    eventsPerSec: pick(rounds, (r) => r.eventsPerSec),
    firstEventP50: pick(rounds, (r) => r.firstEventMs.p50),
    firstEventP99: pick(rounds, (r) => r.firstEventMs.p99),
    generatorCpu: pick(rounds, (r) => r.generatorCpu),
    serverCpu: pick(rounds, (r) => r.serverCpu),
    cpuUsPerEvent: pick(rounds, (r) => perUnit(r.serverCpu, r.eventsPerSec)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

/** One target of the issue, evaluated. */
export interface TargetCheck {
  name: string;
  value: number | undefined;
  goal: string;
  met: boolean | undefined;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** `v` with `digits` decimals; a value that rounds to zero prints as 0, never as -0. */
const fixed = (v: number, digits: number) => {
  const text = v.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
};
const num = (v: number | undefined, digits = 0) =>
  v === undefined ? '—' : digits === 0 ? int.format(v) : fixed(v, digits);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;
const x = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(2)}×`);
const pct = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v * 100)}%`);
const mb = (bytes: number | undefined) =>
  bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const yes = (met: boolean | undefined) => (met === undefined ? '—' : met ? 'yes' : '**no**');

/** The report: Markdown tables and the target checks. */
export function buildReport(results: SuiteResults): { markdown: string; targets: TargetCheck[] } {
  const send = Object.fromEntries(
    Object.entries(results.send).map(([id, rounds]) => [id, summarizeSend(rounds)]),
  );
  const stream = Object.fromEntries(
    Object.entries(results.stream).map(([id, rounds]) => [id, summarizeStream(rounds)]),
  );
  const ws = summarizeSend(results.ws);
  const targets: TargetCheck[] = [];
  const target = (
    name: string,
    value: number | undefined,
    goal: string,
    ok: (v: number) => boolean,
  ) => targets.push({ name, value, goal, met: value === undefined ? undefined : ok(value) });

  const rows: string[] = [
    '| figure | Baton | SDK | Baton / SDK | target | met | load generator CPU (Baton / SDK) |',
    '|---|--:|--:|--:|--:|:-:|--:|',
  ];
  for (const version of ['v10', 'v03'] as const) {
    const label = version === 'v10' ? '1.0' : '0.3';
    const b = send[`baton-${version}`];
    const s = send[`sdk-${version}`];
    if (b && s) {
      const cpu = `${pct(b.generatorCpu)} / ${pct(s.generatorCpu)}`;
      const tput = ratio(b.requestsPerSec, s.requestsPerSec);
      const p99 = ratio(b.p99, s.p99);
      target(`SendMessage ${label} throughput`, tput, '≥ 4×', (v) => v >= 4);
      target(`SendMessage ${label} p99`, p99, '≤ 0.25×', (v) => v <= 0.25);
      rows.push(
        `| SendMessage ${label}, req/s | ${num(b.requestsPerSec)} | ${num(s.requestsPerSec)} | ${x(tput)} | ≥ 4× | ${yes(targets.at(-2)!.met)} | ${cpu} |`,
        `| SendMessage ${label}, p50 ms | ${num(b.p50, 1)} | ${num(s.p50, 1)} | ${x(ratio(b.p50, s.p50))} | | | |`,
        `| SendMessage ${label}, p99 ms | ${num(b.p99, 1)} | ${num(s.p99, 1)} | ${x(p99)} | ≤ 0.25× | ${yes(targets.at(-1)!.met)} | |`,
        `| SendMessage ${label}, server CPU µs per request | ${num(b.cpuUsPerRequest)} | ${num(s.cpuUsPerRequest)} | ${x(ratio(b.cpuUsPerRequest, s.cpuUsPerRequest))} | | | |`,
      );
    }
    const bs = stream[`baton-${version}`];
    const ss = stream[`sdk-${version}`];
    if (bs && ss) {
      const cpu = `${pct(bs.generatorCpu)} / ${pct(ss.generatorCpu)}`;
      const eps = ratio(bs.eventsPerSec, ss.eventsPerSec);
      target(`Streaming ${label} events/s`, eps, '≥ 5×', (v) => v >= 5);
      rows.push(
        `| SendStreamingMessage ${label}, events/s | ${num(bs.eventsPerSec)} | ${num(ss.eventsPerSec)} | ${x(eps)} | ≥ 5× | ${yes(targets.at(-1)!.met)} | ${cpu} |`,
        `| SendStreamingMessage ${label}, first event p50 ms | ${num(bs.firstEventP50, 1)} | ${num(ss.firstEventP50, 1)} | ${x(ratio(bs.firstEventP50, ss.firstEventP50))} | | | |`,
        `| SendStreamingMessage ${label}, first event p99 ms | ${num(bs.firstEventP99, 1)} | ${num(ss.firstEventP99, 1)} | ${x(ratio(bs.firstEventP99, ss.firstEventP99))} | | | |`,
        `| SendStreamingMessage ${label}, server CPU µs per event | ${num(bs.cpuUsPerEvent, 1)} | ${num(ss.cpuUsPerEvent, 1)} | ${x(ratio(bs.cpuUsPerEvent, ss.cpuUsPerEvent))} | | | |`,
      );
    }
  }
  const memory = results.memory;
  if (memory) {
    const { baton: b, sdk: s } = memory;
    const perTask = (p: typeof b) =>
      p.afterTasks && p.afterRetention && p.tasks > 0
        ? (p.afterTasks.heapUsed - p.afterRetention.heapUsed) / p.tasks
        : undefined;
    const kb = (v: number | undefined) => (v === undefined ? '—' : `${fixed(v / 1024, 1)} KB`);
    rows.push(
      `| RSS idle | ${mb(b.idle?.rss)} | ${mb(s.idle?.rss)} | ${x(ratio(b.idle?.rss, s.idle?.rss))} | | | |`,
      `| RSS after the load | ${mb(b.afterLoad?.rss)} | ${mb(s.afterLoad?.rss)} | ${x(ratio(b.afterLoad?.rss, s.afterLoad?.rss))} | | | |`,
      `| RSS after tasks finished and retention ran | ${mb(b.afterRetention?.rss)} | ${mb(s.afterRetention?.rss)} (no retention) | ${x(ratio(b.afterRetention?.rss, s.afterRetention?.rss))} | | | |`,
      `| heap retained per finished task (before retention) | ${kb(perTask(b))} | ${kb(perTask(s))} | ${x(ratio(perTask(b), perTask(s)))} | | | |`,
    );
    const leftover =
      b.afterTasksRetention && b.afterRetention
        ? (b.afterTasksRetention.heapUsed - b.afterRetention.heapUsed) / Math.max(1, b.tasks)
        : undefined;
    target(
      'finished tasks do not accumulate once retention ran (heap left per task, KB)',
      leftover === undefined ? undefined : leftover / 1024,
      '< 0.5 KB',
      (v) => v < 0.5,
    );
    rows.push(
      `| heap left per finished task after retention | ${kb(leftover)} | ${kb(perTask(s))} (kept) | | < 0.5 KB | ${yes(targets.at(-1)!.met)} | |`,
    );
  }

  const only: string[] = [
    '| figure (Baton only) | req/s | p50 ms | p99 ms | server CPU µs per request | compared with | ratio | target | met | load generator CPU |',
    '|---|--:|--:|--:|--:|---|--:|--:|:-:|--:|',
  ];
  const sdk10 = send['sdk-v10'];
  const baton10 = send['baton-v10'];
  const hono = send.hono;
  const rowSend = (
    label: string,
    s: SendSummary | undefined,
    against: string,
    base: number | undefined,
    goal = '',
    check?: (v: number) => boolean,
  ) => {
    if (!s) return;
    const r = ratio(s.requestsPerSec, base);
    let met = '';
    if (check) {
      target(label, r, goal, check);
      met = yes(targets.at(-1)!.met);
    }
    only.push(
      `| ${label} | ${num(s.requestsPerSec)} | ${num(s.p50, 1)} | ${num(s.p99, 1)} | ${num(s.cpuUsPerRequest)} | ${against} | ${x(r)} | ${goal} | ${met} | ${pct(s.generatorCpu)} |`,
    );
  };
  rowSend(
    'SendMessage JSON-RPC 1.0, in-memory',
    baton10,
    'bare hono route',
    hono?.requestsPerSec,
    '≥ 0.75×',
    (v) => v >= 0.75,
  );
  rowSend(
    'bare hono JSON route (the HTTP ceiling)',
    hono,
    'SDK JSON-RPC 1.0',
    sdk10?.requestsPerSec,
  );
  rowSend(
    'SendMessage REST (HTTP+JSON) 1.0, in-memory',
    send['baton-rest'],
    'SDK JSON-RPC 1.0',
    sdk10?.requestsPerSec,
  );
  rowSend(
    'SendMessage WebSocket 1.0, in-memory (Node client)',
    results.ws.length ? ws : undefined,
    'SDK JSON-RPC 1.0',
    sdk10?.requestsPerSec,
  );
  rowSend(
    'SendMessage JSON-RPC 1.0, SQLite (synchronous FULL)',
    send['baton-sqlite-v10'],
    'SDK JSON-RPC 1.0, in-memory',
    sdk10?.requestsPerSec,
    '≥ 2×',
    (v) => v >= 2,
  );
  rowSend(
    'SendMessage JSON-RPC 1.0, PostgreSQL',
    send['baton-postgres-v10'],
    'SDK JSON-RPC 1.0, in-memory',
    sdk10?.requestsPerSec,
  );
  for (const idle of results.idle) {
    const extra = idle.subscribed.rss - idle.idle.rss;
    const how =
      idle.carrier === 'sse'
        ? 'SSE, one connection each'
        : `WebSocket, ${idle.subscriptions / idle.tasks} sockets`;
    target(
      `${int.format(idle.subscriptions)} idle subscriptions (${how}), extra RSS in MB`,
      extra / 1024 / 1024,
      '≤ 150 MB',
      (v) => v <= 150,
    );
    only.push(
      `| ${int.format(idle.subscriptions)} idle subscriptions (${how}; ${idle.tasks} working tasks): extra RSS ${mb(extra)} (${(extra / 1024 / idle.subscriptions).toFixed(1)} KB each) | | | | | RSS before ${mb(idle.idle.rss)} | | ≤ 150 MB | ${yes(targets.at(-1)!.met)} | |`,
    );
  }
  const checks = [
    '| target | value | goal | met |',
    '|---|--:|--:|:-:|',
    ...targets.map((t) => `| ${t.name} | ${num(t.value, 2)} | ${t.goal} | ${yes(t.met)} |`),
  ];
  const markdown = [rows.join('\n'), only.join('\n'), checks.join('\n')].join('\n\n');
  return { markdown, targets };
}
