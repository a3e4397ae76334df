// Stores end to end: one SendMessage through the JSON-RPC dispatcher and the request handler (the
// agent goes working → artifact → completed; the call blocks until it completes) on each store —
// in memory, SQLite (FULL and NORMAL sync) and PostgreSQL — as a ratio to the in-memory store in
// the same run, one call at a time and 16 at once. PostgreSQL (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test) is skipped with a notice when unreachable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  createInMemoryStore,
  createJsonRpcDispatcher,
  createRequestHandler,
  silentLogger,
} from '@baton/server';
import { createPostgresStore, type PostgresStore } from '@baton/store-postgres';
import { createSqliteStore } from '@baton/store-sqlite';

import { type BenchModule, type CaseResult } from './harness.js';
import { sendMessageRequestBody } from './payloads.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = 5;
const ROUND_MS = 700;
const WARMUP_MS = 500;
const CONCURRENCY = 16;

const card: AgentCard = {
  name: 'Bench agent',
  description: 'working → artifact → completed',
  supportedInterfaces: [],
  version: '1.0.0',
  capabilities: {},
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'bench', name: 'Bench', description: 'Benchmarks', tags: ['bench'] }],
};

const executor: AgentExecutor = {
  async execute(context, events) {
    await events.working();
    await events.addArtifact({
      name: 'summary',
      parts: [{ text: `ok: ${context.message.messageId}` }],
    });
    await events.complete();
  },
};

interface Target {
  key: string;
  label: string;
  store: BatonStore;
  send: () => Promise<unknown>;
  close: () => Promise<void>;
}

function target(key: string, label: string, store: BatonStore, close: () => Promise<void>): Target {
  const handler = createRequestHandler({ agentCard: card, executor, store, logger: silentLogger });
  const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
  const text = sendMessageRequestBody();
  const send = async () => {
    // A fresh messageId per call, as real clients send.
    const body = JSON.parse(text) as { params: { message: { messageId: string } } };
    body.params.message.messageId = crypto.randomUUID();
    const result = await dispatcher.dispatch(body, { protocolVersion: '1.0' });
    if (result.kind !== 'response' || !('result' in result.body)) {
      throw new Error(`SendMessage failed on ${label}: ${JSON.stringify(result)}`);
    }
    return result.body;
  };
  return {
    key,
    label,
    store,
    send,
    close: async () => {
      await handler.close();
      await close();
    },
  };
}

async function openPostgres(): Promise<PostgresStore | undefined> {
  const schema = `baton_bench_e2e_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  try {
    return await createPostgresStore({
      connectionString: DATABASE_URL,
      schema,
      logger: silentLogger,
    });
  } catch (error) {
    console.warn(`[store-e2e] PostgreSQL unreachable (${String(error)}): its cases are skipped.`);
    return undefined;
  }
}

/** Runs `fn` from `parallel` loops for `ms`; returns completed calls per second. */
async function rate(fn: () => Promise<unknown>, parallel: number, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < end) {
        await fn();
        ops++;
      }
    }),
  );
  return (ops / (performance.now() - start)) * 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function run(): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-e2e-'));
  const targets: Target[] = [target('m', 'in-memory store', createInMemoryStore(), async () => {})];
  const sqliteFull = createSqliteStore({ path: join(dir, 'full.sqlite') });
  targets.push(
    target('s', 'SQLite file, synchronous FULL (default)', sqliteFull, () => sqliteFull.close()),
  );
  const sqliteNormal = createSqliteStore({
    path: join(dir, 'normal.sqlite'),
    synchronous: 'NORMAL',
  });
  targets.push(
    target('sn', 'SQLite file, synchronous NORMAL', sqliteNormal, () => sqliteNormal.close()),
  );
  const postgres = await openPostgres();
  if (postgres) {
    const drop = async () => {
      await postgres.pool.query(`DROP SCHEMA IF EXISTS "${postgres.schema}" CASCADE`);
      await postgres.close();
    };
    targets.push(target('p', 'PostgreSQL (pool of 10, same machine)', postgres, drop));
  }
  const cases = targets.flatMap((t) => [
    { t, parallel: 1, id: t.key },
    { t, parallel: CONCURRENCY, id: `${t.key}${CONCURRENCY}` },
  ]);
  try {
    for (const c of cases) await rate(c.t.send, c.parallel, WARMUP_MS);
    const samples = cases.map((): number[] => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, c] of cases.entries()) {
        // Finished tasks are purged between rounds, outside the timing, so stores stay small.
        await c.t.store.tasks.purge(new Date(Date.now() + 60_000).toISOString());
        samples[index]!.push(await rate(c.t.send, c.parallel, ROUND_MS));
      }
    }
    const medians = cases.map((_, index) => median(samples[index]!));
    return cases.map((c, index) => {
      const baseIndex = c.parallel === 1 ? 0 : 1;
      const memory = c.t.key === 'm';
      return {
        id: c.id,
        name: `SendMessage end to end, ${c.parallel === 1 ? 'one call at a time' : `${CONCURRENCY} calls in flight`}: ${c.t.label}`,
        bytes: undefined,
        baseline: memory ? undefined : cases[baseIndex]!.id,
        opsPerSec: medians[index]!,
        samples: samples[index]!,
        ratio: medians[index]! / medians[baseIndex]!,
      };
    });
  } finally {
    for (const t of targets) await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SendMessage end to end on every store, as a ratio to the in-memory store. */
export const storeE2e: BenchModule = {
  name: 'store-e2e',
  title: 'Stores: end to end (SendMessage through the dispatcher on each store)',
  run,
};
