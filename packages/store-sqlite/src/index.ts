export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export { DEFAULT_DATABASE_FILE, type SqliteStoreOptions } from './options.js';
export { SqliteEventLog } from './sqlite-event-log.js';
export { SqliteMessageStore } from './sqlite-message-store.js';
export { SqlitePushConfigStore } from './sqlite-push-config-store.js';
export { createSqliteStore, SqliteStore } from './sqlite-store.js';
export { SqliteTaskStore } from './sqlite-task-store.js';
