import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { type RecoveryMode, type RecoveryReport } from '@baton/server';

import { type StoreLocation } from './stores.js';

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const live = new Set<ChildProcess>();

/** A server process started by {@link spawnServer}. */
export interface ServerChild {
  url: string;
  /** What its start-up recovery did. */
  recovery: RecoveryReport;
  /** Sends a signal and resolves once the process has exited. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/**
 * Starts a Baton server process (the slow agent, HTTP on 127.0.0.1 port 0) on a store, and
 * resolves once it serves (after its start-up recovery). Rejects after `timeoutMs`.
 */
export async function spawnServer(
  location: StoreLocation,
  recovery: RecoveryMode = 'fail',
  timeoutMs = 30_000,
): Promise<ServerChild> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@baton/source',
      '--import',
      'tsx',
      ENTRY,
      JSON.stringify({ location, recovery }),
    ],
    { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; recovery: RecoveryReport }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server process did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('ready '));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice('ready '.length)) as { url: string; recovery: RecoveryReport });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server process exited before it was ready: ${stderr}`));
    });
  });
  return {
    ...ready,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Kills every server process still running (for `afterAll`). */
export async function killServers(): Promise<void> {
  const exits = [...live].map(
    (child) =>
      new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGKILL'))),
  );
  await Promise.all(exits);
}
