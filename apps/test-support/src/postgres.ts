import pg from 'pg';
import { describe, it } from 'vitest';

/** The PostgreSQL database the tests use: `DATABASE_URL`, else a local default. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL is unreachable, or undefined when it answers. */
const UNREACHABLE = await probe();

// Unreachable on a developer machine: skip, and say so. In CI PostgreSQL is required.
const SKIP = UNREACHABLE !== undefined && !process.env.CI;
if (SKIP) {
  console.warn(
    `\n[${process.env.npm_package_name ?? 'postgres'}] PostgreSQL at ${DATABASE_URL} is ` +
      `unreachable (${UNREACHABLE}): skipping the tests that need it. Set DATABASE_URL, or start ` +
      'PostgreSQL; CI fails instead of skipping.\n',
  );
}

/**
 * `describe` for tests that need PostgreSQL: skipped with a notice when it is unreachable on a
 * developer machine, failing (never skipped) when `CI` is set.
 */
export function describePostgres(name: string, body: () => void): void {
  describe.skipIf(SKIP)(name, () => {
    if (UNREACHABLE !== undefined) {
      it('reaches PostgreSQL (required in CI)', () => {
        throw new Error(`PostgreSQL at ${DATABASE_URL} is unreachable: ${UNREACHABLE}`);
      });
      return;
    }
    body();
  });
}

/** A schema name no other test run uses. */
export function freshSchema(prefix = 'baton_test'): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
