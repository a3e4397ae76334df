/** Schema names this store accepts: lower-case SQL identifiers short enough for a channel name. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * Checks that `schema` is a plain lower-case identifier (at most 48 characters), so it can be
 * spliced into SQL and a LISTEN channel name without quoting surprises. Throws a `TypeError`
 * otherwise.
 */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(
      `schema must match ${String(SCHEMA_NAME)} (a lower-case SQL identifier), got ${JSON.stringify(schema)}`,
    );
  }
  return schema;
}

/** The fully qualified, quoted names of the store's tables in one schema. */
export interface TableNames {
  schema: string;
  tasks: string;
  taskEvents: string;
  messages: string;
  contexts: string;
  pushConfigs: string;
  /** Leases of the server instances writing to this schema. */
  instances: string;
  migrations: string;
  /** The LISTEN/NOTIFY channel of this schema (unquoted; at most 55 characters). */
  channel: string;
}

/** The table names of `schema`, which must already have passed {@link assertSchemaName}. */
export function tableNames(schema: string): TableNames {
  const q = (table: string) => `"${schema}"."${table}"`;
  return {
    schema: `"${schema}"`,
    tasks: q('tasks'),
    taskEvents: q('task_events'),
    messages: q('messages'),
    contexts: q('contexts'),
    pushConfigs: q('push_configs'),
    instances: q('instances'),
    migrations: q('migrations'),
    channel: `${schema}_events`,
  };
}
