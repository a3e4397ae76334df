import { isTerminalState, type TaskState } from '@baton/protocol';

/** A `tasks` row as this connection last wrote it: what an append needs instead of reading it. */
export interface KnownRow {
  rid: number;
  seq: number;
  tenant: string;
  owner: string;
  createdAt: string;
  updatedAt: string;
  /** The snapshot as stored (JSON), parsed again for each use: no caller or reducer shares it. */
  snapshot: string;
  /** The listing columns as stored. */
  contextId: string | null;
  state: TaskState;
  statusTime: number;
  /** The search fragments of the snapshot (see `taskFragments`); never changed once made. */
  fragments: ReadonlyMap<string, string>;
}

/** Bounds of {@link KnownRows}. */
export interface KnownRowsLimits {
  /**
   * The most rows remembered; the oldest written are forgotten first.
   * @default 10000
   */
  maxRows?: number | undefined;
  /**
   * Snapshots longer than this (UTF-16 units) are not remembered: their appends read the row.
   * @default 65536
   */
  maxSnapshot?: number | undefined;
  /**
   * The remembered snapshots' total length past which the oldest are forgotten.
   * @default 33554432
   */
  maxTotal?: number | undefined;
}

/**
 * The task rows an event log wrote last, by task id, for appends without a read. Only unfinished
 * tasks are kept (nothing appends to a finished one), within {@link KnownRowsLimits}. A row is
 * remembered once its write has committed; one that another connection or a purge changed since
 * is caught by the append's conditional `UPDATE`, which then forgets it.
 */
export class KnownRows {
  readonly #rows = new Map<string, KnownRow>();
  readonly #maxRows: number;
  readonly #maxSnapshot: number;
  readonly #maxTotal: number;
  /** The total length of the remembered snapshots. */
  #length = 0;

  constructor(limits: KnownRowsLimits = {}) {
    this.#maxRows = limits.maxRows ?? 10_000;
    this.#maxSnapshot = limits.maxSnapshot ?? 64 * 1024;
    this.#maxTotal = limits.maxTotal ?? 32 * 1024 * 1024;
  }

  /** How many rows are remembered. */
  get size(): number {
    return this.#rows.size;
  }

  get(taskId: string): KnownRow | undefined {
    return this.#rows.get(taskId);
  }

  /** Remembers the row just committed for `taskId`, in place of any older one. */
  remember(taskId: string, row: KnownRow): void {
    this.forget(taskId);
    if (isTerminalState(row.state) || row.snapshot.length > this.#maxSnapshot) return;
    this.#rows.set(taskId, row);
    this.#length += row.snapshot.length;
    // Maps iterate in insertion order, and `forget` above moved this row to the end.
    for (const oldest of this.#rows.keys()) {
      if (this.#rows.size <= this.#maxRows && this.#length <= this.#maxTotal) break;
      this.forget(oldest);
    }
  }

  forget(taskId: string): void {
    const row = this.#rows.get(taskId);
    if (!row) return;
    this.#rows.delete(taskId);
    this.#length -= row.snapshot.length;
  }
}
