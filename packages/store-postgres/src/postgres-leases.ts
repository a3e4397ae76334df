import { type InstanceLeases, type OrphanQuery, type StoredTask } from '@baton/server';

import { TERMINAL_STATES_SQL } from './migrations.js';
import { type PostgresContext } from './postgres-context.js';
import { storedTaskFromRow, TASK_COLUMNS, type TaskRow } from './rows.js';

/** States recovery never touches besides the terminal ones: they wait for the client. */
const INTERRUPTED_STATES_SQL = "('TASK_STATE_INPUT_REQUIRED', 'TASK_STATE_AUTH_REQUIRED')";

/**
 * The instance leases of a PostgreSQL store. Every task row records the instance that last wrote
 * it (`runner`); each open store keeps a row in `instances` whose `expires_at` it pushes forward
 * every third of the lease (database time, so instances' clocks do not matter) and deletes on
 * `close()`. A task is orphaned when it is submitted or working and its runner is unknown, has no
 * live lease, or (`includeOwn`) is this instance's own id.
 */
export class PostgresLeases implements InstanceLeases {
  readonly instanceId: string;
  readonly leaseMs: number;
  readonly #ctx: PostgresContext;
  readonly #report: (what: string, error: unknown) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #held = false;
  #stopped = false;

  constructor(
    ctx: PostgresContext,
    leaseMs: number,
    report: (what: string, error: unknown) => void,
  ) {
    this.#ctx = ctx;
    this.instanceId = ctx.instanceId;
    this.leaseMs = leaseMs;
    this.#report = report;
  }

  /** Takes the lease, then renews it every third of its length until {@link stop}. */
  async start(): Promise<void> {
    await this.#renew();
    this.#held = true;
    this.#schedule();
  }

  /** Stops renewing and gives the lease up, so siblings take over this instance's tasks at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#held) return;
    this.#held = false;
    try {
      await this.#ctx.pool.query(`DELETE FROM ${this.#ctx.tables.instances} WHERE id = $1`, [
        this.instanceId,
      ]);
    } catch (error) {
      this.#report('giving up the instance lease', error);
    }
  }

  async listOrphaned(limit: number, query: OrphanQuery): Promise<StoredTask[]> {
    const { rows } = await this.#ctx.pool.query<TaskRow>(
      `SELECT ${TASK_COLUMNS} FROM ${this.#ctx.tables.tasks} t WHERE ${this.#orphaned()}
       ORDER BY created_at, id LIMIT $3`,
      [this.instanceId, query.includeOwn, Math.max(0, Math.floor(limit))],
    );
    return rows.map(storedTaskFromRow);
  }

  async claim(taskId: string, query: OrphanQuery): Promise<boolean> {
    // Row-locked: of two instances claiming at once, the second sees the first's live lease.
    const { rowCount } = await this.#ctx.pool.query(
      `UPDATE ${this.#ctx.tables.tasks} t SET runner = $1 WHERE t.id = $3 AND ${this.#orphaned()}`,
      [this.instanceId, query.includeOwn, taskId],
    );
    return rowCount === 1;
  }

  /** The orphan condition on `t`, with `$1` this instance's id and `$2` `includeOwn`. */
  #orphaned(): string {
    return `t.state NOT IN ${TERMINAL_STATES_SQL} AND t.state NOT IN ${INTERRUPTED_STATES_SQL}
      AND (t.runner IS NULL
        OR (t.runner = $1 AND $2::boolean)
        OR (t.runner <> $1 AND NOT EXISTS (
          SELECT 1 FROM ${this.#ctx.tables.instances} i
          WHERE i.id = t.runner AND i.expires_at > now())))`;
  }

  async #renew(): Promise<void> {
    await this.#ctx.pool.query(
      `INSERT INTO ${this.#ctx.tables.instances} (id, expires_at)
       VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [this.instanceId, this.leaseMs],
    );
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#renew()
        .catch((error: unknown) => this.#report('renewing the instance lease', error))
        .finally(() => this.#schedule());
    }, this.leaseMs / 3);
    this.#timer.unref();
  }
}
