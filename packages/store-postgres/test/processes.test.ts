import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { type TaskEventRecord } from '@baton/server';
import { makeTask } from '@baton/test-utils';
import {
  DATABASE_URL,
  describePostgres,
  dropSchema,
  freshSchema,
} from '@baton-apps/test-support/postgres';
import { afterAll, expect, it } from 'vitest';

import { type PostgresStore } from '../src/index.js';
import { openStore } from './database.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./append-worker.ts', import.meta.url));

interface Written {
  taskId: string;
  seq: number;
  messageId: string;
}

/** A worker process, once it said `ready`; `done` resolves with what it wrote. */
async function startWorker(input: object): Promise<{ go: () => void; done: Promise<Written[]> }> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--conditions=@baton/source', '--import', 'tsx', WORKER, JSON.stringify(input)],
    { cwd: PACKAGE_DIR, stdio: 'pipe' },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Written[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.split('\n').filter(Boolean).at(-1) ?? '[]') as Written[]);
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    });
    done.catch(reject);
  });
  stdout = '';
  return { go: () => child.stdin.write('go\n'), done };
}

const schema = freshSchema();

describePostgres('two processes appending to the same tasks', () => {
  let store: PostgresStore | undefined;
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it(
    'keeps seq gap-free and every snapshot equal to the fold of its log',
    { timeout: 60_000 },
    async () => {
      store = await openStore({ schema, listen: true });
      const ownership = { tenant: 'processes', owner: 'both' };
      const tasks = await Promise.all(
        [1, 2, 3].map(async () => (await store!.events.create(ownership, makeTask())).task.task),
      );
      const taskIds = tasks.map((task) => task.id);
      // A subscriber in this (third) process hears both writers through LISTEN/NOTIFY.
      const delivered = new Map<string, TaskEventRecord[]>(taskIds.map((id) => [id, []]));
      const stops = taskIds.map((id) =>
        store!.events.subscribe(id, (record) => delivered.get(id)!.push(record)),
      );
      const perTask = 60;
      const input = { url: DATABASE_URL, schema, taskIds, perTask };
      const workers = await Promise.all([
        startWorker({ ...input, name: 'alpha' }),
        startWorker({ ...input, name: 'beta' }),
      ]);
      for (const worker of workers) worker.go();
      const [alpha, beta] = await Promise.all(workers.map((worker) => worker.done));

      const last = 1 + 2 * perTask;
      for (const taskId of taskIds) {
        const log = await store.events.read(taskId, 0);
        expect(log.map((record) => record.seq)).toEqual(
          Array.from({ length: last }, (_, i) => i + 1),
        );
        const seqs = [...alpha!, ...beta!]
          .filter((entry) => entry.taskId === taskId)
          .map((entry) => entry.seq)
          .sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: last - 1 }, (_, i) => i + 2));
        const stored = await store.tasks.get(ownership, taskId);
        expect(stored?.seq).toBe(last);
        // The snapshot's history is exactly the messages of the log, in log order.
        const logged = log.slice(1).map((record) => record.event.message?.messageId);
        expect(stored?.task.history?.map((message) => message.messageId)).toEqual(logged);
        for (const entry of [...alpha!, ...beta!].filter((e) => e.taskId === taskId)) {
          expect(log[entry.seq - 1]?.event.message?.messageId).toBe(entry.messageId);
        }
      }
      for (const taskId of taskIds) {
        await expect.poll(() => delivered.get(taskId)!.length, { timeout: 10_000 }).toBe(last - 1);
        expect(delivered.get(taskId)!.map((record) => record.seq)).toEqual(
          Array.from({ length: last - 1 }, (_, i) => i + 2),
        );
        expect(delivered.get(taskId)).toEqual(await store.events.read(taskId, 1));
      }
      for (const stop of stops) stop();
    },
  );
});
