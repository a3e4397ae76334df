import { InvalidParamsError } from '@baton/protocol';
import { type TaskListQuery, type TaskScope } from '@baton/server';

import { decodePageToken, encodePageToken, isObject } from './page-token.js';
import { clampToPostgres, fromEpochMs } from './rows.js';

/** Where a listing stopped: the last task's status time (epoch ms) and id. */
export interface TaskCursor {
  k: 'task';
  t: number;
  id: string;
}

function isTaskCursor(value: unknown): value is TaskCursor {
  return (
    isObject(value) &&
    value.k === 'task' &&
    typeof value.t === 'number' &&
    Number.isFinite(value.t) &&
    typeof value.id === 'string'
  );
}

/** The page token that continues after a task. */
export function taskPageToken(t: number, id: string): string {
  return encodePageToken({ k: 'task', t, id });
}

/** The SQL of one listing: its filters, and its keyset condition for the page query. */
export interface TaskListSql {
  /** Conditions every matching task meets (scope and filters), joined with AND. */
  filters: string;
  /** `filters` plus the cursor condition. */
  page: string;
  params: unknown[];
  /** Parameters of `filters` alone (a prefix of `params`). */
  filterParamCount: number;
}

/**
 * Turns a scope and a query into parameterized SQL conditions. Tenant and owner are always
 * columns of the condition; each filter adds one; the cursor adds the keyset condition of the
 * order `status_timestamp DESC, id ASC`. Throws `InvalidParamsError` for a bad page size, page
 * token or timestamp.
 */
export function taskListSql(scope: TaskScope, query: TaskListQuery): TaskListSql {
  const { pageSize } = query;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new InvalidParamsError('pageSize must be a positive integer', {
      fieldViolations: [{ field: 'pageSize', description: 'must be a positive integer' }],
    });
  }
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`tenant = ${param(scope.tenant)}`];
  if (scope.owner !== undefined) conditions.push(`owner = ${param(scope.owner)}`);
  if (query.contextId !== undefined) conditions.push(`context_id = ${param(query.contextId)}`);
  if (query.state !== undefined) conditions.push(`state = ${param(query.state)}`);
  if (query.statusTimestampAfter !== undefined) {
    const after = Date.parse(query.statusTimestampAfter);
    if (Number.isNaN(after)) {
      throw new InvalidParamsError('statusTimestampAfter is not a timestamp', {
        fieldViolations: [{ field: 'statusTimestampAfter', description: 'not an ISO 8601 time' }],
      });
    }
    conditions.push(`status_timestamp >= ${fromEpochMs(param(clampToPostgres(after)))}`);
  }
  // Substring search, as in every Baton store; the trigram index serves needles of 3+ characters.
  if (query.text) conditions.push(`search_text LIKE ${param(containsPattern(query.text))}`);
  const filters = conditions.join(' AND ');
  const filterParamCount = params.length;
  if (!query.pageToken) return { filters, page: filters, params, filterParamCount };
  const cursor = decodePageToken(query.pageToken, isTaskCursor);
  const t = fromEpochMs(param(cursor.t));
  const id = param(cursor.id);
  // `<=` first so the listing index can seek straight to the cursor.
  const keyset = `status_timestamp <= ${t} AND (status_timestamp < ${t} OR id > ${id})`;
  return { filters, page: `${filters} AND ${keyset}`, params, filterParamCount };
}

/**
 * The LIKE pattern that finds `text` anywhere, case-insensitively (the stored search text is
 * lower-cased the same way), with LIKE's wildcards in the text taken literally.
 */
export function containsPattern(text: string): string {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
  return `%${escaped.replaceAll('\u0000', ' ')}%`;
}
