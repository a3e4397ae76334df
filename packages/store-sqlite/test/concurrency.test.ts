import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { makeTask } from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

const WORKER = fileURLToPath(new URL('./fixtures/append-worker.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Starts a worker and resolves once it has opened the store. */
function startWorker(args: string[]): Promise<{ child: ChildProcess; output: Promise<string> }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@baton/source', '--import', 'tsx', WORKER, ...args],
    { cwd: PACKAGE_DIR, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let stdout = '';
  const output = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`worker exited with ${code}`)),
    );
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve({ child, output });
    });
    output.catch(reject);
  });
}

describe('two processes appending to the same tasks', () => {
  it('keeps every task log gap-free, unique and folded into the snapshot', async () => {
    const path = tempDatabase();
    const ownership = { tenant: 't', owner: 'o' };
    const store = createSqliteStore({ path });
    const tasks = [makeTask(), makeTask(), makeTask()];
    for (const task of tasks) await store.events.create(ownership, task);
    const count = 100;
    const args = (label: string) => [path, tasks.map((t) => t.id).join(','), String(count), label];
    const workers = await Promise.all([startWorker(args('a')), startWorker(args('b'))]);
    for (const { child } of workers) child.stdin!.write('go\n');
    const results = (await Promise.all(workers.map((w) => w.output))).map(
      (out) => JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number[]>,
    );

    const total = 1 + 2 * count;
    let interleaved = false;
    for (const task of tasks) {
      const records = await store.events.read(task.id, 0, 10_000);
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const [a, b] = results.map((result) => result[task.id]!);
      expect([...a!, ...b!].sort((x, y) => x - y)).toEqual(records.slice(1).map((r) => r.seq));
      if (Math.max(...a!) > Math.min(...b!) && Math.max(...b!) > Math.min(...a!))
        interleaved = true;
      const stored = await store.tasks.get(ownership, task.id);
      expect(stored?.seq).toBe(total);
      // Each append saw the snapshot of the one before it, whichever process wrote it.
      const logged = records.slice(1).map((r) => r.event.message?.messageId);
      expect(stored?.task.history?.map((m) => m.messageId)).toEqual(logged);
    }
    expect(interleaved).toBe(true);
    await store.close();
  }, 60_000);
});
