import {
  type BatonStore,
  consoleLogger,
  type EventLog,
  type InstanceLeases,
  type Logger,
  type MessageStore,
  type PushConfigStore,
  type TaskStore,
} from '@baton/server';
import pg from 'pg';

import { EventHub } from './event-hub.js';
import { assertSchemaCurrent, migratePostgresSchema } from './migrate.js';
import { NotificationListener } from './notification-listener.js';
import { type PostgresStoreOptions } from './options.js';
import { type PostgresContext } from './postgres-context.js';
import { PostgresEventLog } from './postgres-event-log.js';
import { PostgresLeases } from './postgres-leases.js';
import { PostgresMessageStore } from './postgres-message-store.js';
import { PostgresPushConfigStore } from './postgres-push-config-store.js';
import { PostgresTaskStore } from './postgres-task-store.js';
import { assertSchemaName, tableNames } from './schema-name.js';

/**
 * A complete Baton store on PostgreSQL: tasks, event log, messages and push configs in one
 * schema, over one `pg.Pool`. Construct it, then `await start()` (or use
 * {@link createPostgresStore}, which does both).
 */
export class PostgresStore implements BatonStore {
  readonly tasks: TaskStore;
  readonly events: EventLog;
  readonly messages: MessageStore;
  readonly pushConfigs: PushConfigStore;
  /** The pool every query goes through. */
  readonly pool: pg.Pool;
  /** The schema that holds the tables. */
  readonly schema: string;
  readonly #options: PostgresStoreOptions;
  readonly #ownsPool: boolean;
  readonly #hub: EventHub;
  readonly #logger: Logger;
  readonly #origin = crypto.randomUUID();
  readonly #leases: PostgresLeases;
  #listener: NotificationListener | undefined;
  #started: Promise<this> | undefined;
  #closed = false;

  constructor(options: PostgresStoreOptions = {}) {
    // Checked before the pool exists, so a bad option leaves nothing open.
    const instanceId = instanceIdOf(options.instanceId);
    const leaseMs = leaseMsOf(options.leaseMs);
    this.#options = options;
    this.schema = assertSchemaName(options.schema ?? 'baton');
    this.#logger = options.logger ?? consoleLogger;
    this.#ownsPool = options.pool === undefined;
    this.pool =
      options.pool ??
      new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
      });
    // An idle pooled connection that dies emits 'error'; unhandled, that would end the process.
    if (this.#ownsPool) this.pool.on('error', (error) => this.#report('idle connection', error));
    const tables = tableNames(this.schema);
    this.#hub = new EventHub({
      read: (taskId, afterSeq, limit) => this.events.read(taskId, afterSeq, limit),
      currentSeqs: async (taskIds) => {
        const { rows } = await this.pool.query<{ id: string; seq: number }>(
          `SELECT id, seq FROM ${tables.tasks} WHERE id = ANY($1::text[])`,
          [taskIds],
        );
        return new Map(rows.map((row) => [row.id, row.seq]));
      },
      onError: (error) => this.#report('event fan-out', error),
      onListenerError: options.onListenerError,
    });
    const ctx: PostgresContext = {
      pool: this.pool,
      tables,
      hub: this.#hub,
      notify: options.notify ?? options.listen ?? false,
      origin: this.#origin,
      now: options.now ?? (() => new Date()),
      instanceId,
    };
    this.tasks = new PostgresTaskStore(ctx);
    this.events = new PostgresEventLog(ctx);
    this.messages = new PostgresMessageStore(ctx);
    this.pushConfigs = new PostgresPushConfigStore(ctx);
    this.#leases = new PostgresLeases(ctx, leaseMs, (what, error) => this.#report(what, error));
  }

  /** This store's instance lease, and the orphaned tasks of instances that are gone. */
  get leases(): InstanceLeases {
    return this.#leases;
  }

  /**
   * Migrates (or, with `migrate: false`, checks) the schema and starts LISTEN when `listen` is
   * set. Returns the store; a second call returns the first call's promise. On failure the store
   * is closed.
   */
  start(): Promise<this> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<this> {
    if (this.#closed) throw new Error('this PostgresStore is closed');
    try {
      if (this.#options.migrate === false) await assertSchemaCurrent(this.pool, this.schema);
      else {
        const { notices } = await migratePostgresSchema(this.pool, this.schema);
        for (const notice of notices)
          this.#logger.warn(`postgres store (${this.schema}): ${notice}`);
      }
      // Before anything is written under this instance's id, so no sibling takes it for dead.
      await this.#leases.start();
      if (this.#options.listen) {
        const hub = this.#hub;
        const listener = new NotificationListener(this.pool, tableNames(this.schema).channel, {
          onNotification: (taskId, seq, origin) =>
            hub.notified(taskId, seq, origin !== this.#origin),
          onReconnect: () => {
            hub
              .catchUp()
              .catch((error: unknown) => this.#report('catch-up after reconnect', error));
          },
          onError: (error) => this.#report('LISTEN connection', error),
        });
        await listener.start();
        this.#listener = listener;
      }
      return this;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Stops deliveries and LISTEN, and ends the pool if the store created it. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#leases.stop();
    this.#hub.close();
    await this.#listener?.stop();
    this.#listener = undefined;
    if (this.#ownsPool) await this.pool.end();
  }

  #report(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#logger.warn(`postgres store (${this.schema}): ${what}: ${message}`, { error });
  }
}

function instanceIdOf(value: string | undefined): string {
  if (value === undefined) return crypto.randomUUID();
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new TypeError(`instanceId must be a string of 1 to 200 characters, got ${String(value)}`);
  }
  return value;
}

function leaseMsOf(value: number | undefined): number {
  if (value === undefined) return 30_000;
  if (!Number.isFinite(value) || value < 100) {
    throw new RangeError(`leaseMs must be at least 100 (milliseconds), got ${value}`);
  }
  return value;
}

/**
 * Opens a Baton store on PostgreSQL: creates (or uses) the pool, runs the schema migrations and,
 * with `listen: true`, starts cross-process event delivery.
 * @example
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL });
 * const handler = createRequestHandler({ agentCard, executor, store });
 */
export async function createPostgresStore(
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  return new PostgresStore(options).start();
}
