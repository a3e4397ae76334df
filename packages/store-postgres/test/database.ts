import { DATABASE_URL } from '@baton-apps/test-support/postgres';

import { createPostgresStore, type PostgresStoreOptions } from '../src/index.js';

/** Opens a store on the test database. */
export function openStore(options: PostgresStoreOptions) {
  return createPostgresStore({ connectionString: DATABASE_URL, ...options });
}
