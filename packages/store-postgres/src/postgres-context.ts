import { type Pool, type PoolClient } from 'pg';

import { type EventHub } from './event-hub.js';
import { type TableNames } from './schema-name.js';

/** What the four stores of one `PostgresStore` share. */
export interface PostgresContext {
  pool: Pool;
  tables: TableNames;
  hub: EventHub;
  /** Whether appends send a NOTIFY on `tables.channel`. */
  notify: boolean;
  /** This store's id in NOTIFY payloads, so it can tell its own appends from others'. */
  origin: string;
  now: () => Date;
  /** The instance this store writes as: recorded as the `runner` of every task it writes. */
  instanceId: string;
}

/**
 * Runs `work` inside BEGIN … COMMIT on one pooled connection, rolling back when it throws. A
 * connection whose ROLLBACK fails is destroyed rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Whether `error` is a PostgreSQL error with SQLSTATE `code` (e.g. `23505`, unique violation). */
export function hasSqlState(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
