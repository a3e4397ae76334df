import { InvalidParamsError } from '@baton/protocol';
import { type TaskListQuery, type TaskScope } from '@baton/server';

import { decodePageToken, isObject } from './page-token.js';
import { textFilter } from './task-text.js';

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

/** The SQL of a listing's filters, with its named parameters. */
export interface TaskFilter {
  /** `WHERE …` for the count: scope and filters, no cursor. */
  where: string;
  /** `WHERE …` for the page: the same plus the keyset condition of the cursor. */
  pageWhere: string;
  params: Record<string, string | number>;
}

/**
 * Builds the `WHERE` of a listing. Every listing is scoped by tenant, and by owner unless the
 * scope spans all owners; the keyset condition follows the order (status time desc, id asc), so
 * a deep page costs as little as the first. Invalid input throws `InvalidParamsError`.
 */
export function buildTaskFilter(scope: TaskScope, query: TaskListQuery): TaskFilter {
  const conditions = ['tenant = @tenant'];
  const params: Record<string, string | number> = { tenant: scope.tenant };
  if (scope.owner !== undefined) {
    conditions.push('owner = @owner');
    params.owner = scope.owner;
  }
  if (query.contextId !== undefined) {
    conditions.push('context_id = @contextId');
    params.contextId = query.contextId;
  }
  if (query.state !== undefined) {
    conditions.push('state = @state');
    params.state = query.state;
  }
  if (query.statusTimestampAfter !== undefined) {
    conditions.push('status_timestamp >= @after');
    params.after = parseAfter(query.statusTimestampAfter);
  }
  if (query.text) {
    const { condition, value } = textFilter(query.text);
    conditions.push(condition);
    params.text = value;
  }
  const where = conditions.join(' AND ');
  if (!query.pageToken) return { where, pageWhere: where, params };
  const cursor = decodePageToken(query.pageToken, isTaskCursor);
  params.cursorTime = cursor.t;
  params.cursorId = cursor.id;
  const keyset =
    '(status_timestamp < @cursorTime OR (status_timestamp = @cursorTime AND id > @cursorId))';
  return { where, pageWhere: `${where} AND ${keyset}`, params };
}

/** Checks a page size: a positive integer. */
export function checkPageSize(pageSize: number): void {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new InvalidParamsError('pageSize must be a positive integer', {
      fieldViolations: [{ field: 'pageSize', description: 'must be a positive integer' }],
    });
  }
}

function parseAfter(value: string): number {
  const after = Date.parse(value);
  if (Number.isNaN(after)) {
    throw new InvalidParamsError('statusTimestampAfter is not a timestamp', {
      fieldViolations: [{ field: 'statusTimestampAfter', description: 'not an ISO 8601 time' }],
    });
  }
  return after;
}
