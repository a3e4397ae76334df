// What every bench server process shares: the start-up line, the memory probe, the stores.

/** Stores the Baton bench server can run on. */
export type BenchStoreName = 'memory' | 'sqlite' | 'postgres';

/** A message with this text keeps its task working until canceled (for idle subscriptions). */
export const WAIT_TEXT = 'wait';

/** Memory of this process after full garbage collections (needs `--expose-gc`). */
export interface MemoryProbe {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Whether a GC ran first (false when the process lacks `--expose-gc`). */
  gc: boolean;
}

/** Runs GC a few times (letting finalizers and timers run in between), then reads memory. */
export async function adminMemory(): Promise<MemoryProbe> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, gc: gc !== undefined };
}

/** Tells the orchestrator the server listens; the server exits when the orchestrator goes. */
export function announce(port: number): void {
  process.stdout.write(`READY ${port}\n`);
  process.stdin.resume();
  process.stdin.once('close', () => process.exit(0));
}
