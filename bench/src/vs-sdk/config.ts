// Sizes of the vs-SDK suite, from the issue, with environment overrides for quick local runs.

/** Parts of the suite, in run order. */
export const PARTS = ['send', 'stream', 'ws', 'memory', 'idle'] as const;
export type Part = (typeof PARTS)[number];

/** How much load each part applies. */
export interface SuiteConfig {
  /** Blocking SendMessage requests per run, and how many are in flight. */
  send: { requests: number; connections: number; warmup: number; rounds: number };
  /** PostgreSQL runs are slow (an fsync per commit): fewer rounds. */
  postgresRounds: number;
  /** SendStreamingMessage streams per run, and how many are open at once. */
  stream: { streams: number; concurrency: number; warmup: number; rounds: number };
  /** SendMessage calls for the heap-per-finished-task figure. */
  memoryTasks: number;
  /** Idle subscriptions: working tasks × streams per task. */
  idle: { tasks: number; perTask: number };
  parts: readonly Part[];
}

function int(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The configuration: the figures, or `VS_SDK_QUICK=1` for a smoke run. */
export function suiteConfig(): SuiteConfig {
  const quick = process.env.VS_SDK_QUICK === '1';
  const parts = (process.env.VS_SDK_PARTS ?? PARTS.join(','))
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is Part => (PARTS as readonly string[]).includes(part));
  return {
    send: {
      requests: quick ? 1000 : 5000,
      connections: 50,
      warmup: quick ? 300 : 2000,
      rounds: int('VS_SDK_ROUNDS', quick ? 1 : 5),
    },
    postgresRounds: quick ? 1 : 3,
    stream: {
      streams: quick ? 400 : 2000,
      concurrency: 200,
      warmup: quick ? 200 : 2000,
      rounds: int('VS_SDK_STREAM_ROUNDS', quick ? 1 : 5),
    },
    memoryTasks: quick ? 500 : 2000,
    idle: { tasks: 100, perTask: quick ? 10 : 100 },
    parts,
  };
}
