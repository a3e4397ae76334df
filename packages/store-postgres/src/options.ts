import { type Logger, type TaskEventRecord } from '@baton/server';
import { type Pool } from 'pg';

/** Options of {@link createPostgresStore} and the `PostgresStore` constructor. */
export interface PostgresStoreOptions {
  /**
   * Where the database is, e.g. `postgres://user:pass@host:5432/db`. Ignored when `pool` is given.
   * @default pg's environment variables (`PGHOST`, `PGUSER`, `PGDATABASE`, …)
   */
  connectionString?: string | undefined;
  /**
   * A pool to use instead of creating one. The store never ends a pool it was given; with
   * `listen: true` it keeps one of its connections for LISTEN.
   * @default a new `pg.Pool` that `close()` ends
   */
  pool?: Pool | undefined;
  /**
   * How many connections the pool the store creates may open. Ignored when `pool` is given.
   * @default 10
   */
  maxConnections?: number | undefined;
  /**
   * The PostgreSQL schema that holds every table: a lower-case identifier of at most 48
   * characters. Several stores can share one database under different schemas.
   * @default 'baton'
   */
  schema?: string | undefined;
  /**
   * Whether start-up creates or upgrades the schema. With `false` start-up only checks that the
   * schema is at the version this package expects (run `migratePostgresSchema` yourself).
   * @default true
   */
  migrate?: boolean | undefined;
  /**
   * Also deliver, to this process's subscribers, events that other processes append to the same
   * schema, through LISTEN/NOTIFY. Uses one pooled connection for as long as the store is open.
   * @default false
   */
  listen?: boolean | undefined;
  /**
   * Send a NOTIFY with every appended event, so that stores with `listen: true` in other
   * processes see it. Turn it on in processes that write but do not listen.
   * @default the value of `listen`
   */
  notify?: boolean | undefined;
  /**
   * The clock behind `createdAt`, `updatedAt` and event and message timestamps.
   * @default () => new Date()
   */
  now?: (() => Date) | undefined;
  /**
   * Called when an event-log listener throws; the listener has already been removed.
   * @default ignores the error
   */
  onListenerError?: ((error: unknown, record: TaskEventRecord) => void) | undefined;
  /**
   * The id this store writes as, recorded with every task it writes and kept alive by a lease
   * while the store is open (see "Several instances" in the README). Give each process its own;
   * give a process that restarts in place (one server, a StatefulSet pod) the same one each
   * time, so that it fails or resumes its own unfinished tasks at once when it starts rather than
   * once its old lease expired.
   * @default a random UUID per store
   */
  instanceId?: string | undefined;
  /**
   * How long an instance's lease lasts without renewal (renewed every third of it). A task
   * whose instance stopped renewing is taken over by a live instance (failed, or resumed with
   * `recovery: 'resume'`) about one and a half leases later.
   * @default 30_000
   */
  leaseMs?: number | undefined;
  /**
   * Where background problems go: a lost LISTEN connection, a failed log read while filling a
   * subscriber's gap, an idle pooled connection that died, a lease that could not be renewed.
   * @default consoleLogger of `@baton/server`
   */
  logger?: Logger | undefined;
}
