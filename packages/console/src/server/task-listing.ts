import { InvalidParamsError, type TaskState } from '@baton/protocol';
import { type StoredTask, type TaskListPage } from '@baton/server';

import { type TaskPageResponse } from '../shared/api-types.js';
import { decodeCursor, encodeCursor, type MergedCursor } from './page-cursor.js';
import { type TaskSource } from './sources.js';
import { statusTimeOf, summarize } from './task-summary.js';

/** Filters and paging of `GET /api/tasks`. */
export interface TaskFilters {
  agent?: string | undefined;
  state?: TaskState | undefined;
  contextId?: string | undefined;
  /** Only tasks whose status time is at or after this instant. */
  since?: string | undefined;
  /** Full-text search over history and artifacts. */
  text?: string | undefined;
  pageSize: number;
  pageToken?: string | undefined;
}

interface Candidate {
  source: number;
  stored: StoredTask;
  time: number;
}

/** Status time descending, then task id ascending: the order every store lists in. */
function compare(a: Candidate, b: Candidate): number {
  if (a.time !== b.time) return b.time - a.time;
  const x = a.stored.task.id;
  const y = b.stored.task.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One page of tasks across several store slices, merged in the stores' own order with keyset
 * paging: each slice is asked for at most one page (plus one short query to place its cursor), so
 * a page costs the same at task 100 and at task 100,000.
 */
export async function listTasks(
  all: readonly TaskSource[],
  selected: readonly number[],
  filters: TaskFilters,
): Promise<TaskPageResponse> {
  const cursor: MergedCursor = filters.pageToken ? (decodeCursor(filters.pageToken) ?? bad()) : {};
  const text = filters.text?.trim() || undefined;
  const searchable = selected.filter((i) => !text || all[i]!.store.tasks.supportsTextSearch);
  const query = (i: number, pageSize: number): Promise<TaskListPage> =>
    all[i]!.store.tasks.list(all[i]!.scope, {
      contextId: filters.contextId,
      state: filters.state,
      statusTimestampAfter: filters.since,
      text,
      pageSize,
      pageToken: cursor[i] ?? undefined,
    });
  const active = searchable.filter((i) => cursor[i] !== null);
  const pages = await Promise.all(active.map((i) => query(i, filters.pageSize)));
  let totalSize = pages.reduce((sum, page) => sum + page.totalSize, 0);
  if (filters.pageToken) {
    // Exhausted slices still count towards the total.
    const done = searchable.filter((i) => cursor[i] === null);
    const totals = await Promise.all(done.map((i) => countOf(all[i]!, filters, text)));
    totalSize += totals.reduce((sum, n) => sum + n, 0);
  }
  const candidates: Candidate[] = pages.flatMap((page, n) =>
    page.tasks.map((stored) => ({
      source: active[n]!,
      stored,
      time: Date.parse(statusTimeOf(stored)),
    })),
  );
  candidates.sort(compare);
  const taken = candidates.slice(0, filters.pageSize);
  const next: MergedCursor = { ...cursor };
  await Promise.all(
    active.map(async (i, n) => {
      const page = pages[n]!;
      const used = taken.filter((c) => c.source === i).length;
      if (used === page.tasks.length)
        next[i] = page.nextPageToken === '' ? null : page.nextPageToken;
      else if (used > 0) next[i] = (await query(i, used)).nextPageToken || null;
    }),
  );
  const more = searchable.some((i) => next[i] !== null);
  return {
    tasks: taken.map((c) => summarize(c.stored, all[c.source]!.agent)),
    nextPageToken: more && taken.length > 0 ? encodeCursor(next) : '',
    totalSize,
    textSearch: searchable.length === selected.length,
  };
}

async function countOf(source: TaskSource, filters: TaskFilters, text: string | undefined) {
  const page = await source.store.tasks.list(source.scope, {
    contextId: filters.contextId,
    state: filters.state,
    statusTimestampAfter: filters.since,
    text,
    pageSize: 1,
  });
  return page.totalSize;
}

function bad(): never {
  throw new InvalidParamsError('pageToken is not a cursor of this console', {
    fieldViolations: [{ field: 'pageToken', description: 'is not a cursor of this console' }],
  });
}
