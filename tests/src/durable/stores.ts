import { type BatonStore, createInMemoryStore } from '@baton/server';
import { createPostgresStore } from '@baton/store-postgres';
import { createSqliteStore } from '@baton/store-sqlite';
import { DATABASE_URL } from '@baton-apps/test-support/postgres';

/** Where a durable store lives: a SQLite file, or a PostgreSQL schema. */
export type StoreLocation =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; schema: string; url?: string | undefined };

/** Opens a store at a location (`listen: true` on PostgreSQL, for other processes' events). */
export async function openStore(location: StoreLocation): Promise<BatonStore> {
  switch (location.kind) {
    case 'memory':
      return createInMemoryStore();
    case 'sqlite':
      return createSqliteStore({ path: location.path });
    case 'postgres':
      return createPostgresStore({
        connectionString: location.url ?? DATABASE_URL,
        schema: location.schema,
        listen: true,
        maxConnections: 4,
      });
  }
}
