// The vs-SDK module: Baton and @a2a-js/sdk side by side over HTTP, in separate processes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';

import { type BenchModule, type CaseResult } from '../harness.js';
import { suiteConfig } from './config.js';
import { buildReport } from './report.js';
import { runSuite } from './suite.js';

async function run(): Promise<CaseResult[]> {
  const config = suiteConfig();
  const started = performance.now();
  const log = (line: string) =>
    console.log(
      `[vs-sdk ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
    );
  log(
    `parts: ${config.parts.join(', ')}; SendMessage ${config.send.requests} × ${config.send.rounds} rounds at concurrency ${config.send.connections}; streams ${config.stream.streams} × ${config.stream.rounds} rounds, ${config.stream.concurrency} open`,
  );
  const results = await runSuite(config, log);
  const { markdown, targets } = buildReport(results);
  const cpu = cpus();
  const raw = {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}`,
    seconds: (performance.now() - started) / 1000,
    config,
    targets,
    markdown,
    ...results,
  };
  const dir = new URL('../../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const stamp = raw.date.replace(/[:.]/g, '-');
  writeFileSync(new URL(`vs-sdk-raw-${stamp}.json`, dir), `${JSON.stringify(raw, null, 2)}\n`);
  writeFileSync(new URL('vs-sdk-raw.json', dir), `${JSON.stringify(raw, null, 2)}\n`);
  console.log(`\n${markdown}\n`);
  log(`raw results in bench/results/vs-sdk-raw.json (and vs-sdk-raw-${stamp}.json)`);

  // The harness table: throughput figures with the SDK (or the bare route) as their baseline.
  const cases: CaseResult[] = [];
  const add = (id: string, name: string, rounds: number[], baseline?: string) => {
    if (rounds.length === 0) return;
    const sorted = [...rounds].sort((a, b) => a - b);
    const opsPerSec = sorted[sorted.length >> 1]!;
    cases.push({ id, name, bytes: undefined, baseline, opsPerSec, samples: rounds, ratio: 1 });
  };
  for (const [id, rounds] of Object.entries(results.send)) {
    const base =
      id === 'sdk-v10' || id === 'sdk-v03' ? undefined : id.endsWith('v03') ? 'sdk-v03' : 'sdk-v10';
    add(
      id,
      `SendMessage ${id} (req/s)`,
      rounds.map((r) => r.requestsPerSec),
      base,
    );
  }
  for (const [id, rounds] of Object.entries(results.stream)) {
    const base = id.startsWith('sdk') ? undefined : `stream-sdk-${id.slice(-3)}`;
    add(
      `stream-${id}`,
      `SendStreamingMessage ${id} (events/s)`,
      rounds.map((r) => r.eventsPerSec),
      base,
    );
  }
  const medians = new Map(cases.map((c) => [c.id, c.opsPerSec]));
  for (const c of cases) c.ratio = c.baseline ? c.opsPerSec / (medians.get(c.baseline) ?? NaN) : 1;
  return cases;
}

/** Baton next to the official A2A JavaScript SDK: see README.md, "vs-sdk". */
export const vsSdk: BenchModule = {
  name: 'vs-sdk',
  title: 'Versus @a2a-js/sdk',
  run,
};
