import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import {
  type ConsoleInfo,
  type TaskPageResponse,
  type TaskSummary,
} from '../../shared/api-types.js';
import { type KnownAgent } from '../agents-store.js';
import { apiGet, query } from '../api.js';
import { stateLabel as label } from '../format.js';
import { replaceQuery, type Route } from '../router.js';
import { type Filters, sinceInstant, TaskFilters } from './task-filters.js';
import { TaskTable } from './task-table.js';

const PAGE_SIZE = 50;
const REMOTE_POLL_MS = 3000;

function stateParam(state: string): string | undefined {
  return state ? `TASK_STATE_${state.toUpperCase().replace(/-/g, '_')}` : undefined;
}

async function loadPage(
  filters: Filters,
  token: string,
  remoteUrl: string | undefined,
): Promise<TaskPageResponse> {
  const since = sinceInstant(filters.since);
  if (!remoteUrl) {
    return apiGet<TaskPageResponse>(
      `/api/tasks${query({ agent: filters.agent, state: filters.state, context: filters.context, since, q: filters.q, pageSize: PAGE_SIZE, pageToken: token })}`,
    );
  }
  const { clientFor, summarizeTask } = await import('../a2a/agent-client.js');
  const client = await clientFor(remoteUrl);
  const page = await client.listTasks({
    status: stateParam(filters.state) as never,
    contextId: filters.context || undefined,
    statusTimestampAfter: since,
    pageSize: PAGE_SIZE,
    pageToken: token || undefined,
    historyLength: 1,
  });
  return {
    tasks: page.tasks.map((t) => summarizeTask(t, filters.agent)),
    nextPageToken: page.nextPageToken,
    totalSize: page.totalSize,
    textSearch: false,
  };
}

interface TasksProps {
  route: Route;
  info: ConsoleInfo | undefined;
  agents: KnownAgent[] | undefined;
}

/** The tasks table across agents, with filters, keyset paging and live updates. */
export function TasksView({ route, info, agents }: TasksProps) {
  const hasStore = info?.hasStore ?? false;
  const firstAgent = agents?.[0]?.name ?? '';
  const filters: Filters = {
    agent: route.query.get('agent') ?? (hasStore || !info ? '' : firstAgent),
    state: route.query.get('state') ?? '',
    context: route.query.get('context') ?? '',
    since: route.query.get('since') ?? '',
    q: route.query.get('q') ?? '',
  };
  const key = JSON.stringify(filters);
  const agent = agents?.find((a) => a.name === filters.agent);
  const remoteUrl = filters.agent && agent && !agent.storeBacked ? agent.url : undefined;
  const [page, setPage] = useState<TaskPageResponse>();
  const [tokens, setTokens] = useState<string[]>(['']);
  const [error, setError] = useState<string>();
  const [flash, setFlash] = useState<Set<string>>(new Set());
  const [live, setLive] = useState(false);
  const token = tokens.at(-1)!;
  const ready =
    info !== undefined &&
    (hasStore || agents !== undefined) &&
    (!filters.agent || agent || hasStore);

  // What the table shows now; a response for anything else, or older than the last request,
  // is dropped (a reload scheduled by a live update before the filters changed resolves late).
  const shown = useRef('');
  const view = `${key}|${token}|${remoteUrl ?? ''}`;
  shown.current = view;
  const requests = useRef(0);
  const reload = useCallback(async () => {
    if (!ready || (!hasStore && !remoteUrl)) return;
    const request = ++requests.current;
    const current = () => shown.current === view && requests.current === request;
    try {
      const next = await loadPage(filters, token, remoteUrl);
      if (!current()) return;
      setPage(next);
      setError(undefined);
    } catch (e) {
      if (current()) setError(String(e));
    }
  }, [view, ready, hasStore]);

  useEffect(() => setTokens(['']), [key]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Live updates: the store's change feed, or polling the agent's ListTasks.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!ready) return;
    if (remoteUrl) {
      setLive(true);
      const timer = setInterval(() => token === '' && void reload(), REMOTE_POLL_MS);
      return () => clearInterval(timer);
    }
    if (!hasStore) return;
    const source = new EventSource('/api/stream');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('changes', (event) => {
      const notice = JSON.parse((event as MessageEvent<string>).data) as { tasks?: TaskSummary[] };
      const ids = new Set((notice.tasks ?? []).map((t) => t.id));
      setFlash(ids);
      setPage(
        (current) =>
          current && {
            ...current,
            tasks: current.tasks.map((row) => notice.tasks?.find((t) => t.id === row.id) ?? row),
          },
      );
      // The first page also shows new tasks: fetch it again, at most every half second.
      if (token === '' && !pending.current) {
        pending.current = setTimeout(() => {
          pending.current = undefined;
          void reload();
        }, 500);
      }
    });
    return () => {
      source.close();
      setLive(false);
      // A reload scheduled for the filters of before must not run for them.
      clearTimeout(pending.current);
      pending.current = undefined;
    };
  }, [reload, remoteUrl, hasStore, ready, token]);

  const change = (next: Filters) => replaceQuery('/tasks', { ...next });
  const filterAgents = (agents ?? []).map((a) => ({ name: a.name, storeBacked: a.storeBacked }));
  return (
    <>
      <div class="view-head">
        <h2>Tasks</h2>
        <span class={live ? 'pill ok' : 'pill'} role="status" aria-live="polite">
          {live ? (remoteUrl ? 'live (polling the agent)' : 'live') : 'not live'}
        </span>
        {page && (
          <span class="muted">
            {page.totalSize.toLocaleString()} task{page.totalSize === 1 ? '' : 's'}
            {filters.state && ` ${label(stateParam(filters.state)!)}`}
          </span>
        )}
      </div>
      <TaskFilters
        filters={filters}
        agents={filterAgents}
        hasStore={hasStore}
        textSearch={info?.textSearch ?? false}
        onChange={change}
      />
      {page && filters.q && !page.textSearch && (
        <p class="notice">
          Some stores cannot search text; their tasks are left out of this search.
        </p>
      )}
      {!hasStore && !remoteUrl && info && agents?.length === 0 && (
        <p class="notice">
          No store and no agents: add an agent on the Agents page to list its tasks over A2A.
        </p>
      )}
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {page ? (
        <TaskTable tasks={page.tasks} flash={flash} />
      ) : (
        !error && <p class="muted">Loading…</p>
      )}
      <nav class="pager" aria-label="Pages">
        <button
          type="button"
          disabled={tokens.length < 2}
          onClick={() => setTokens((t) => t.slice(0, -1))}
        >
          ← Newer
        </button>
        <span class="muted">page {tokens.length}</span>
        <button
          type="button"
          disabled={!page?.nextPageToken}
          onClick={() => page && setTokens((t) => [...t, page.nextPageToken])}
        >
          Older →
        </button>
      </nav>
    </>
  );
}
