// Child processes of the vs-SDK bench: servers pinned to one core, load generators to the other,
// CPU time read from /proc, memory probed through the servers' admin routes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { type MemoryProbe } from './servers/common.js';

/** The cores servers and load generators run on: separate ones when `taskset` exists. */
export interface Placement {
  /** `taskset` is available and the machine has at least two cores. */
  pinned: boolean;
  /**
   * The niceness of the scheduling group each bench process gets (Linux autogroups: every child
   * runs in its own session, whose group is set to this): -10 when allowed (root), so other load
   * on a shared machine disturbs the figures less; 0 otherwise, or with VS_SDK_NICE=0.
   */
  nice: number;
  serverCore: number;
  loadCore: number;
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Where processes go: the server on the last core, load generators on the first. */
export function placement(): Placement {
  const cores = cpus().length;
  const pinned = cores >= 2 && process.platform === 'linux' && hasCommand('taskset');
  return { pinned, nice: canRaisePriority() ? -10 : 0, serverCore: cores - 1, loadCore: 0 };
}

// Runs "$@" in a new session whose autogroup gets niceness $1 (CFS shares CPU between
// autogroups first, so a plain `nice` would only rank the bench against itself).
const RAISE = 'echo "$1" > /proc/$$/autogroup 2>/dev/null; shift; exec "$@"';

function canRaisePriority(): boolean {
  if (process.env.VS_SDK_NICE === '0' || process.platform !== 'linux') return false;
  if (!hasCommand('setsid')) return false;
  const probe = spawnSync(
    'setsid',
    ['sh', '-c', `${RAISE}`, 'sh', '-10', 'cat', '/proc/self/autogroup'],
    {
      encoding: 'utf8',
    },
  );
  return probe.status === 0 && probe.stdout.trim().endsWith('nice -10');
}

/** Whether wrk is installed. */
export const hasWrk = (): boolean => hasCommand('wrk');

/** The command line of a process, behind `taskset -c <core>` when pinning. */
export function pinnedCommand(
  where: Placement,
  core: number,
  command: string,
  args: readonly string[],
): [string, string[]] {
  const pinned = where.pinned
    ? ['taskset', '-c', String(core), command, ...args]
    : [command, ...args];
  if (where.nice === 0) return [pinned[0]!, pinned.slice(1)];
  return ['setsid', ['sh', '-c', RAISE, 'sh', String(where.nice), ...pinned]];
}

const TICKS_PER_SECOND = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(result.stdout?.trim()) || 100;
})();

/** User + system CPU time of a live process, in microseconds (Linux), or undefined. */
export function cpuTimeUs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / TICKS_PER_SECOND) * 1e6;
  } catch {
    return undefined;
  }
}

/** The kinds of bench server. */
export type ServerKind = 'baton' | 'sdk' | 'hono';

const SERVER_FILES: Record<ServerKind, string> = {
  baton: 'servers/baton.ts',
  sdk: 'servers/sdk.ts',
  hono: 'servers/hono-bare.ts',
};

/** A bench server in its own process. */
export interface BenchServer {
  readonly label: string;
  readonly url: string;
  readonly pid: number;
  /** Memory after GC, and the handler's stats for Baton. */
  memory(): Promise<MemoryProbe & { streams?: number; activeTasks?: number }>;
  /** Runs the store's retention purge (Baton); the SDK has none. */
  retention(): Promise<{ purged: number }>;
  /** CPU time used so far, in microseconds. */
  cpuUs(): number | undefined;
  stop(): Promise<void>;
}

/** Node flags every bench child gets: TypeScript through tsx, the memory probe's GC. */
export function nodeArgs(file: string, args: readonly string[] = []): string[] {
  return ['--expose-gc', '--import', 'tsx', file, ...args];
}

/** The bench package's folder: children run there, so `--import tsx` resolves. */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Resolves a file of this folder. */
export function here(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** Starts a server process and waits for its `READY <port>` line. */
export async function startServer(
  where: Placement,
  label: string,
  kind: ServerKind,
  args: readonly string[] = [],
  extraNodeFlags: readonly string[] = [],
): Promise<BenchServer> {
  const [command, argv] = pinnedCommand(where, where.serverCore, process.execPath, [
    ...extraNodeFlags,
    ...nodeArgs(here(SERVER_FILES[kind]), args),
  ]);
  // stdin stays open: a server exits when it closes, so an interrupted run leaves none behind.
  const child = spawn(command, argv, { cwd: BENCH_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 60 s`)), 60_000);
    lines.on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before it was ready:\n${stderr.trim()}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const admin = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${url}/__bench/${path}`, { method });
    if (!response.ok) throw new Error(`${label} ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    label,
    url,
    pid: child.pid!,
    memory: () => admin('memory'),
    retention: () => admin('retention', 'POST'),
    cpuUs: () => cpuTimeUs(child.pid),
    stop: () => stopChild(child),
  };
}

/** Sends SIGTERM and waits for the exit (SIGKILL after 5 s). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
