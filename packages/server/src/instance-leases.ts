import { type StoredTask } from './task-store.js';

/** Which tasks count as orphaned: `includeOwn` also takes this instance's own id's tasks. */
export interface OrphanQuery {
  /**
   * Whether tasks last run under this instance's id count as orphaned: true at start-up (a
   * previous process with the same id is gone), false afterwards (this process runs them).
   */
  includeOwn: boolean;
}

/**
 * Leases of the server instances that share one store (several processes on one database). A
 * store that offers them records, with every task it writes, the instance that wrote it, and keeps
 * a lease for its own instance while it is open (renewed in the background, given up on
 * `close()`). Recovery then touches only orphaned tasks: unfinished, not interrupted, and last
 * written by an instance whose lease expired (or by nobody known), so an instance that starts
 * never fails the tasks its siblings are running, and the tasks of an instance that died are
 * taken over by a live one once its lease expired.
 */
export interface InstanceLeases {
  /** The id this store writes with; stable across restarts when the operator set one. */
  readonly instanceId: string;
  /** How long a lease lasts without renewal, in milliseconds. */
  readonly leaseMs: number;
  /**
   * Orphaned tasks (submitted or working, last written by an instance without a live lease),
   * across all tenants, oldest `createdAt` first, at most `limit`.
   */
  listOrphaned(limit: number, query: OrphanQuery): Promise<StoredTask[]>;
  /**
   * Takes an orphaned task for this instance, atomically: resolves false when it is not
   * orphaned (any more): finished, interrupted, or run by an instance with a live lease.
   */
  claim(taskId: string, query: OrphanQuery): Promise<boolean>;
}
