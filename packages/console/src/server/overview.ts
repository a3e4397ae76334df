import { isTerminalState, TASK_STATES, type TaskState } from '@baton/protocol';
import { type StoredTask } from '@baton/server';

import { type OverviewResponse, type SlowTask } from '../shared/api-types.js';
import { type TaskSource } from './sources.js';

/** Options of {@link computeOverview}. */
export interface OverviewOptions {
  /** Minutes the rates cover. @default 30 */
  windowMinutes?: number;
  /** Most tasks read per source to compute the rates. @default 2000 */
  sampleLimit?: number;
  now?: number;
}

const PAGE = 500;
const MINUTE = 60_000;

/**
 * Counts by state (exact, from the stores' totals) and, over a recent window, tasks per minute,
 * failure rate and the slowest tasks, from a bounded read of the most recently changed tasks.
 */
export async function computeOverview(
  sources: readonly TaskSource[],
  options: OverviewOptions = {},
): Promise<OverviewResponse> {
  const now = options.now ?? Date.now();
  const windowMinutes = options.windowMinutes ?? 30;
  const sampleLimit = options.sampleLimit ?? 2000;
  const start = Math.floor(now / MINUTE) * MINUTE - (windowMinutes - 1) * MINUTE;
  const counts: Partial<Record<TaskState, number>> = {};
  await Promise.all(
    TASK_STATES.filter((state) => state !== 'TASK_STATE_UNSPECIFIED').map(async (state) => {
      const totals = await Promise.all(
        sources.map(
          async (s) => (await s.store.tasks.list(s.scope, { state, pageSize: 1 })).totalSize,
        ),
      );
      const count = totals.reduce((sum, n) => sum + n, 0);
      if (count > 0) counts[state] = count;
    }),
  );
  let sampled = false;
  const recent: { stored: StoredTask; agent: string | undefined }[] = [];
  for (const source of sources) {
    let pageToken: string | undefined;
    let read = 0;
    do {
      const page = await source.store.tasks.list(source.scope, {
        statusTimestampAfter: new Date(start).toISOString(),
        pageSize: Math.min(PAGE, sampleLimit - read),
        pageToken,
      });
      for (const stored of page.tasks) recent.push({ stored, agent: source.agent });
      read += page.tasks.length;
      pageToken = page.nextPageToken || undefined;
    } while (pageToken && read < sampleLimit);
    if (pageToken) sampled = true;
  }
  const perMinute = Array.from({ length: windowMinutes }, (_, i) => ({
    minute: new Date(start + i * MINUTE).toISOString(),
    created: 0,
    finished: 0,
    failed: 0,
  }));
  const bucket = (iso: string) => {
    const index = Math.floor((Date.parse(iso) - start) / MINUTE);
    return index >= 0 && index < windowMinutes ? perMinute[index] : undefined;
  };
  let finished = 0;
  let failed = 0;
  const slowest: SlowTask[] = [];
  for (const { stored, agent } of recent) {
    const created = bucket(stored.createdAt);
    if (created) created.created++;
    const { state } = stored.task.status;
    if (!isTerminalState(state)) continue;
    const end = stored.task.status.timestamp ?? stored.updatedAt;
    const ended = bucket(end);
    if (!ended) continue;
    finished++;
    ended.finished++;
    if (state === 'TASK_STATE_FAILED') {
      failed++;
      ended.failed++;
    }
    const durationMs = Math.max(0, Date.parse(end) - Date.parse(stored.createdAt));
    slowest.push({ id: stored.task.id, agent, state, durationMs, createdAt: stored.createdAt });
  }
  slowest.sort((a, b) => b.durationMs - a.durationMs);
  return {
    generatedAt: new Date(now).toISOString(),
    counts,
    total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    windowMinutes,
    perMinute,
    failureRate: finished > 0 ? failed / finished : undefined,
    slowest: slowest.slice(0, 10),
    sampled,
  };
}
