/**
 * A small in-process benchmark harness. Absolute ops/s depend on the machine, so every case is
 * reported as a ratio to a baseline case measured in the same process, in interleaved rounds.
 */

/** One measured operation. */
export interface BenchCase {
  /** Short id shown in the table, e.g. `a`. */
  id: string;
  /** What one operation does. */
  name: string;
  /** The operation; its result is kept so the engine cannot drop the work. */
  fn: () => unknown;
  /** The id of the case this one is compared with; a case without one is a baseline. */
  baseline?: string;
  /** Size of the input in bytes, for the table. */
  bytes?: number;
}

/** How long to measure. */
export interface BenchOptions {
  /** Time spent running each case before measuring. @default 300 */
  warmupMs?: number;
  /** Length of one measured round of one case. @default 300 */
  roundMs?: number;
  /** Rounds per case; the median is reported. @default 7 */
  rounds?: number;
}

/** The outcome of one case. */
export interface CaseResult {
  id: string;
  name: string;
  bytes: number | undefined;
  baseline: string | undefined;
  /** Median ops/s over the rounds. */
  opsPerSec: number;
  /** ops/s of every round. */
  samples: number[];
  /** Median ops/s divided by the baseline's median ops/s (1 for a baseline). */
  ratio: number;
}

let sink: unknown;

/** Something was computed, so the work cannot be optimized away. */
export function consumed(): boolean {
  return sink !== Symbol.for('never');
}

function runFor(fn: () => unknown, ms: number, batch: number): { ops: number; elapsed: number } {
  let ops = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return { ops, elapsed };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Warms every case up, then measures them round-robin so drift (thermal, GC, other load) hits all
 * cases alike, and reports the median of the rounds.
 * @example
 * const results = runCases([{ id: 'base', name: 'JSON.parse', fn: () => JSON.parse(text) }]);
 */
export function runCases(cases: readonly BenchCase[], options: BenchOptions = {}): CaseResult[] {
  const { warmupMs = 300, roundMs = 300, rounds = 7 } = options;
  // Batches of about 2 ms keep the clock out of the measurement.
  const batches = cases.map((c) => {
    const { ops, elapsed } = runFor(c.fn, warmupMs, 1);
    return Math.max(1, Math.round((ops / elapsed) * 2));
  });
  const samples = cases.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((c, index) => {
      const { ops, elapsed } = runFor(c.fn, roundMs, batches[index]!);
      samples[index]!.push((ops / elapsed) * 1000);
    });
  }
  const medians = new Map(cases.map((c, index) => [c.id, median(samples[index]!)]));
  return cases.map((c, index) => {
    const opsPerSec = medians.get(c.id)!;
    const base = c.baseline === undefined ? opsPerSec : medians.get(c.baseline);
    if (base === undefined) throw new Error(`unknown baseline ${c.baseline} of ${c.id}`);
    return {
      id: c.id,
      name: c.name,
      bytes: c.bytes,
      baseline: c.baseline,
      opsPerSec,
      samples: samples[index]!,
      ratio: opsPerSec / base,
    };
  });
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function spread(result: CaseResult): string {
  const low = Math.min(...result.samples);
  const high = Math.max(...result.samples);
  return `±${((100 * (high - low)) / 2 / result.opsPerSec).toFixed(1)}%`;
}

/** Formats results as a Markdown table. */
export function formatTable(results: readonly CaseResult[]): string {
  const rows = [
    '| | case | input | ops/s (median) | µs/op | ratio to baseline | time vs baseline | rounds spread |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const ratio =
      r.baseline === undefined ? 'baseline' : `${r.ratio.toFixed(3)} (of ${r.baseline})`;
    const time = r.baseline === undefined ? '1.00×' : `${(1 / r.ratio).toFixed(2)}×`;
    const bytes = r.bytes === undefined ? '' : `${int.format(r.bytes)} B`;
    rows.push(
      `| ${r.id} | ${r.name} | ${bytes} | ${int.format(r.opsPerSec)} | ${(1e6 / r.opsPerSec).toFixed(2)} | ${ratio} | ${time} | ${spread(r)} |`,
    );
  }
  return rows.join('\n');
}

/** A group of cases run by `src/index.ts`. */
export interface BenchModule {
  /** Id used to select the module on the command line, e.g. `protocol-parse`. */
  name: string;
  /** Heading of the module's section in RESULTS.md. */
  title: string;
  run(): CaseResult[] | Promise<CaseResult[]>;
}
