import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { type TaskEventRecord } from '@baton/server';

/** Options of `createSqliteStore` and {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * The database file, or `':memory:'` for a private in-memory database. Its directory is created
   * when missing.
   * @default `$BATON_DATA_DIR/baton.sqlite` when `BATON_DATA_DIR` is set, else
   * `<cwd>/.data/baton.sqlite`
   */
  path?: string | undefined;
  /**
   * Durability of acknowledged writes. `'FULL'`: every commit's write-ahead log is synced before
   * its writes are acknowledged (off the event loop, with `fdatasync`), so an event acknowledged
   * to a client survives a power loss or an OS crash. `'NORMAL'` skips that sync and survives a
   * crash of the process, but a power loss may take the last commits with it.
   * @default 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL' | undefined;
  /**
   * How long a write waits for another process holding the database's write lock, in ms.
   * @default 5000
   */
  busyTimeoutMs?: number | undefined;
  /**
   * The most events `events.read` returns when the caller gives no `limit`: callers page with
   * `afterSeq` until a read comes back empty.
   * @default 1000
   */
  defaultReadLimit?: number | undefined;
  /**
   * The clock behind every stored timestamp (`createdAt`, `updatedAt`, event and message times).
   * @default () => new Date()
   */
  now?: (() => Date) | undefined;
  /**
   * Called when an event-log listener throws; the listener has already been removed.
   * @default ignores the error
   */
  onListenerError?: ((error: unknown, record: TaskEventRecord) => void) | undefined;
}

/** The file name of the default database inside the data directory. */
export const DEFAULT_DATABASE_FILE = 'baton.sqlite';

/**
 * The database path `options.path` stands for, with its directory created. `BATON_DATA_DIR`
 * wins over the working directory's `.data/` when no path is given.
 */
export function resolveDatabasePath(path: string | undefined): string {
  if (path === ':memory:') return path;
  const dataDir = process.env.BATON_DATA_DIR;
  const file =
    path !== undefined && path !== ''
      ? resolve(path)
      : dataDir
        ? resolve(dataDir, DEFAULT_DATABASE_FILE)
        : join(process.cwd(), '.data', DEFAULT_DATABASE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
