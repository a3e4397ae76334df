import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { makeTask } from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

const WORKER = fileURLToPath(new URL('./fixtures/ack-worker.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('a writer killed with SIGKILL', () => {
  it('loses no acknowledged event and leaves every snapshot consistent with its log', async () => {
    const path = tempDatabase();
    const ownership = { tenant: 't', owner: 'o' };
    const tasks = [makeTask(), makeTask(), makeTask(), makeTask()];
    const setup = createSqliteStore({ path });
    for (const task of tasks) await setup.events.create(ownership, task);
    await setup.close();

    const child = spawn(
      process.execPath,
      [
        '--conditions=@baton/source',
        '--import',
        'tsx',
        WORKER,
        path,
        tasks.map((t) => t.id).join(','),
      ],
      { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acked = new Map<string, number>();
    let lines = 0;
    let buffered = '';
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => reject(new Error('the worker stopped before it was killed')));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const complete = buffered.split('\n');
        buffered = complete.pop()!;
        for (const line of complete) {
          const [, taskId, seq] = line.split(' ');
          acked.set(taskId!, Math.max(acked.get(taskId!) ?? 0, Number(seq)));
          // Killed mid-stream, with appends in flight.
          if (++lines === 400) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
    });
    await exited;

    const store = createSqliteStore({ path });
    for (const task of tasks) {
      const records = await store.events.read(task.id, 0, 100_000);
      const stored = await store.tasks.get(ownership, task.id);
      expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
      expect(records.length).toBeGreaterThanOrEqual(acked.get(task.id) ?? 1);
      expect(stored?.seq).toBe(records.length);
      const logged = records.slice(1).map((r) => r.event.message?.messageId);
      expect(stored?.task.history?.map((m) => m.messageId) ?? []).toEqual(logged);
    }
    await store.close();
  }, 60_000);
});
