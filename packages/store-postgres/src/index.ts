export { assertSchemaCurrent, migratePostgresSchema, type MigrationResult } from './migrate.js';
export { SCHEMA_VERSION } from './migrations.js';
export { type PostgresStoreOptions } from './options.js';
export { createPostgresStore, PostgresStore } from './postgres-store.js';
