import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BatonStore, createInMemoryStore } from '@baton/server';
import { createPostgresStore } from '@baton/store-postgres';
import { createSqliteStore } from '@baton/store-sqlite';
import {
  DATABASE_URL,
  describePostgres,
  dropSchema,
  freshSchema,
} from '@baton-apps/test-support/postgres';
import { describe } from 'vitest';

/** Where a durable store lives: a SQLite file, or a PostgreSQL schema. */
export type StoreLocation =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'postgres';
      schema: string;
      url?: string | undefined;
      /** The store's instance id (a random one when absent) and lease length. */
      instanceId?: string | undefined;
      leaseMs?: number | undefined;
    };

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
        instanceId: location.instanceId,
        leaseMs: location.leaseMs,
      });
  }
}

/** A scenario run against one store: where it lives, and what removes it afterwards. */
export type StoreScenario = (location: () => StoreLocation, cleanup: () => Promise<void>) => void;

/**
 * Defines `scenario` on the in-memory store, a SQLite file in a temporary directory and a fresh
 * PostgreSQL schema (skipped with a notice when PostgreSQL is unreachable outside CI), as
 * `<title> on the in-memory store`, `<title> on SQLite` and `<title> on PostgreSQL`.
 */
export function describeOnEveryStore(title: string, scenario: StoreScenario): void {
  describe(`${title} on the in-memory store`, () => {
    scenario(
      () => ({ kind: 'memory' }),
      async () => {},
    );
  });
  describe(`${title} on SQLite`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-stores-'));
    scenario(
      () => ({ kind: 'sqlite', path: join(dir, 'baton.sqlite') }),
      async () => rmSync(dir, { recursive: true, force: true }),
    );
  });
  describePostgres(`${title} on PostgreSQL`, () => {
    const schema = freshSchema();
    scenario(
      () => ({ kind: 'postgres', schema }),
      () => dropSchema(schema),
    );
  });
}
