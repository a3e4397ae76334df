// The console at scale: its task API on a SQLite store of 100,000 tasks against the same calls on
// 2,000 tasks (paging, filtering and search must not grow with the task count), and the first
// view of the tasks table in Debian's Chromium against a bare HTML page with the same table.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startConsole } from '@baton/console';
import { type TaskState } from '@baton/protocol';
import { type BatonStore } from '@baton/server';
import { createSqliteStore } from '@baton/store-sqlite';
import { chromium } from 'playwright-core';

import { type BenchModule, type CaseResult } from './harness.js';

const LARGE = 100_000;
const SMALL = 2_000;
const API_REPEATS = 15;
const VIEW_REPEATS = 7;
const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
const STATES: TaskState[] = [
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_WORKING',
  'TASK_STATE_CANCELED',
];

/** Progress lines overwrite each other on a terminal, and stay lines in a log. */
const END = process.stderr.isTTY ? '\r' : '\n';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Writes `count` finished and running tasks, one user message each, as an agent would. */
async function seed(store: BatonStore, count: number): Promise<void> {
  const base = Date.now() - count * 1000;
  const step = Math.max(1, Math.floor(count / 10));
  for (let i = 0; i < count; i++) {
    if (i % step === 0) process.stderr.write(`  seeding ${count} tasks: ${i}${END}`);
    await store.events.create(
      { tenant: '', owner: 'bench' },
      {
        id: `t${String(i).padStart(6, '0')}`,
        contextId: `c${i % 5000}`,
        status: {
          state: STATES[i % STATES.length]!,
          timestamp: new Date(base + i * 1000).toISOString(),
        },
        history: [
          {
            messageId: `m${i}`,
            role: 'ROLE_USER',
            parts: [{ text: i === count - 77 ? 'needle in a haystack' : `job ${i}` }],
          },
        ],
      },
    );
  }
  process.stderr.write(`  seeding ${count} tasks: done${' '.repeat(8)}\n`);
}

interface ApiQuery {
  id: string;
  name: string;
  /** The path, given the token of the page before (for deep pages). */
  path: (url: string) => Promise<string>;
}

async function json(url: string): Promise<{ nextPageToken?: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as { nextPageToken?: string };
}

const QUERIES: ApiQuery[] = [
  { id: 'first', name: 'first page of 50', path: async () => '/api/tasks?pageSize=50' },
  {
    id: 'deep',
    name: 'page 22 of 50 (token from page 21)',
    path: async (url) => {
      let page = await json(`${url}/api/tasks?pageSize=50`);
      for (let i = 0; i < 20; i++)
        page = await json(`${url}/api/tasks?pageSize=50&pageToken=${page.nextPageToken}`);
      return `/api/tasks?pageSize=50&pageToken=${page.nextPageToken}`;
    },
  },
  {
    id: 'filter',
    name: 'state + context filter',
    path: async () => '/api/tasks?state=failed&context=c1',
  },
  { id: 'search', name: 'full-text search', path: async () => '/api/tasks?q=needle' },
  { id: 'overview', name: 'overview (counts by state)', path: async () => '/api/overview' },
];

/** Median ms of each API query on the console at `url`. */
async function timeQueries(url: string): Promise<Map<string, number[]>> {
  const paths = new Map<string, string>();
  for (const query of QUERIES) paths.set(query.id, await query.path(url));
  const samples = new Map(QUERIES.map((q) => [q.id, [] as number[]]));
  for (let round = 0; round < API_REPEATS; round++) {
    for (const query of QUERIES) {
      const started = performance.now();
      await json(`${url}${paths.get(query.id)}`);
      samples.get(query.id)!.push(performance.now() - started);
    }
  }
  return samples;
}

function result(
  id: string,
  name: string,
  msSamples: number[],
  baseline?: { id: string; ms: number },
): CaseResult {
  const ms = median(msSamples);
  return {
    id,
    name,
    bytes: undefined,
    baseline: baseline?.id,
    opsPerSec: 1000 / ms,
    samples: msSamples.map((s) => 1000 / s),
    ratio: baseline ? baseline.ms / ms : 1,
  };
}

/** A page that fetches the first page of tasks and draws it as a table. */
const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body>
<table class="tasks"><tbody></tbody></table>
<script>
fetch('/api/tasks?pageSize=50').then((r) => r.json()).then((page) => {
  const body = document.querySelector('tbody');
  for (const task of page.tasks) {
    const row = document.createElement('tr');
    for (const value of [task.id, task.contextId, task.state]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    body.append(row);
  }
});
</script></body></html>`;

/** Milliseconds from navigation to the first row of the tasks table, in fresh browser contexts. */
async function timeFirstViews(urls: { console: string; bare: string }): Promise<{
  console: number[];
  bare: number[];
}> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    headless: true,
  });
  const out = { console: [] as number[], bare: [] as number[] };
  try {
    for (let round = 0; round < VIEW_REPEATS + 1; round++) {
      for (const which of ['console', 'bare'] as const) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
        const page = await context.newPage();
        await page.goto(urls[which]);
        await page.locator('table.tasks tbody tr').first().waitFor({ timeout: 30_000 });
        const ms = await page.evaluate(() => performance.now());
        await context.close();
        if (round > 0) out[which].push(ms); // the first round warms the server and the browser
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

export const consoleView: BenchModule = {
  name: 'console',
  title: `Console: task API at ${LARGE.toLocaleString('en-US')} tasks (SQLite) vs ${SMALL.toLocaleString('en-US')}, and the first view in Chromium`,
  async run() {
    const work = await mkdtemp(join(tmpdir(), 'baton-bench-console-'));
    const large = createSqliteStore({ path: join(work, 'large.db') });
    const small = createSqliteStore({ path: join(work, 'small.db') });
    // The floor: the same first page of tasks, read once from the console and served as is.
    let firstPage = '';
    const bare = createServer((request, response) => {
      const isApi = request.url?.startsWith('/api/') === true;
      response.writeHead(200, {
        'content-type': isApi ? 'application/json' : 'text/html; charset=utf-8',
      });
      response.end(isApi ? firstPage : BARE_PAGE);
    });
    let consoleLarge: { url: string; close(): Promise<void> } | undefined;
    let consoleSmall: { url: string; close(): Promise<void> } | undefined;
    try {
      await seed(large, LARGE);
      await seed(small, SMALL);
      consoleLarge = await startConsole({ store: large, port: 0 });
      consoleSmall = await startConsole({ store: small, port: 0 });
      const largeSamples = await timeQueries(consoleLarge.url);
      const smallSamples = await timeQueries(consoleSmall.url);
      const results: CaseResult[] = [];
      for (const query of QUERIES) {
        const baseId = `${query.id}-2k`;
        const base = smallSamples.get(query.id)!;
        results.push(result(baseId, `${query.name}, ${SMALL} tasks`, base));
        results.push(
          result(`${query.id}-100k`, `${query.name}, ${LARGE} tasks`, largeSamples.get(query.id)!, {
            id: baseId,
            ms: median(base),
          }),
        );
      }
      if (!existsSync(CHROMIUM)) {
        console.log(`(no Chromium at ${CHROMIUM}: the first-view cases are skipped)\n`);
        return results;
      }
      firstPage = await (await fetch(`${consoleLarge.url}/api/tasks?pageSize=50`)).text();
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
      const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
      const views = await timeFirstViews({ console: `${consoleLarge.url}/tasks`, bare: bareUrl });
      results.push(result('bare-view', 'bare HTML table of the first page (ms)', views.bare));
      results.push(
        result(
          'console-view',
          `console /tasks, first row visible (ms), ${LARGE} tasks`,
          views.console,
          {
            id: 'bare-view',
            ms: median(views.bare),
          },
        ),
      );
      return results;
    } finally {
      bare.close();
      await consoleLarge?.close();
      await consoleSmall?.close();
      await large.close();
      await small.close();
      await rm(work, { recursive: true, force: true });
    }
  },
};
