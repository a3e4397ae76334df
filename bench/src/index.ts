// Runs every bench module, or those named on the command line: `pnpm bench -- protocol-parse`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';

import { consoleView } from './console-view.js';
import { type BenchModule, consumed, formatTable } from './harness.js';
import { protocolParse } from './protocol-parse.js';
import { serverDispatch } from './server-dispatch.js';
import { storeE2e } from './store-e2e.js';
import { storePostgres } from './store-postgres.js';
import { storeSqlite } from './store-sqlite.js';
import { vsSdk } from './vs-sdk/index.js';
import { wsVsHttp } from './ws-vs-http.js';

/** Every bench module, in run order. Add new modules here. */
const MODULES: readonly BenchModule[] = [
  protocolParse,
  serverDispatch,
  storeSqlite,
  storePostgres,
  storeE2e,
  wsVsHttp,
  consoleView,
  vsSdk,
];

const selected = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = selected.filter((name) => !MODULES.some((m) => m.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench module(s): ${unknown.join(', ')}`);
  console.error(`available: ${MODULES.map((m) => m.name).join(', ')}`);
  process.exit(1);
}

const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}`;
const date = new Date().toISOString();
console.log(`Baton bench — ${date}`);
console.log(`Node ${process.version}, ${machine}\n`);

const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });

for (const module of MODULES) {
  if (selected.length > 0 && !selected.includes(module.name)) continue;
  const started = performance.now();
  const results = await module.run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`## ${module.title} (${module.name}, ${seconds} s)\n`);
  console.log(`${formatTable(results)}\n`);
  writeFileSync(
    new URL(`${module.name}.json`, resultsDir),
    `${JSON.stringify({ date, node: process.version, machine, results }, null, 2)}\n`,
  );
}

if (!consumed()) process.exitCode = 1;
