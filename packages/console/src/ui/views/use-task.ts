import { type Task } from '@baton/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import {
  type TaskDetailResponse,
  type TaskEventEntry,
  type TaskEventsResponse,
} from '../../shared/api-types.js';
import { apiGet, ApiRequestError } from '../api.js';
import { isTerminal } from '../format.js';
import { type TimelineEntry } from './timeline.js';

/** A task as the task page shows it, from the store or from its agent. */
export interface TaskData {
  task: Task | undefined;
  detail: Omit<TaskDetailResponse, 'task'> | undefined;
  entries: TimelineEntry[];
  /** Where the data comes from. */
  origin: 'store' | 'agent' | undefined;
  error: string | undefined;
  following: boolean;
  reload: () => void;
}

const MAX_EVENTS = 5000;

async function storeEvents(taskId: string): Promise<TimelineEntry[]> {
  const entries: TaskEventEntry[] = [];
  let after = 0;
  for (;;) {
    const page = await apiGet<TaskEventsResponse>(
      `/api/tasks/${encodeURIComponent(taskId)}/events?after=${after}&limit=1000`,
    );
    entries.push(...page.events);
    after = entries.at(-1)?.seq ?? after;
    if (!page.more || entries.length >= MAX_EVENTS) return entries;
  }
}

/** Loads a task with its timeline and, while `follow` is on, keeps both up to date. */
export function useTask(taskId: string, agentUrl: string | undefined, follow: boolean): TaskData {
  const [task, setTask] = useState<Task>();
  const [detail, setDetail] = useState<TaskData['detail']>();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [origin, setOrigin] = useState<TaskData['origin']>();
  const [error, setError] = useState<string>();
  const [following, setFollowing] = useState(false);
  const [tick, setTick] = useState(0);
  const lastSeq = useRef(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { task: stored, ...rest } = await apiGet<TaskDetailResponse>(
          `/api/tasks/${encodeURIComponent(taskId)}`,
        );
        const events = await storeEvents(taskId);
        if (!live) return;
        lastSeq.current = events.at(-1)?.seq ?? 0;
        setTask(stored);
        setDetail(rest);
        setEntries(events);
        setOrigin('store');
        setError(undefined);
      } catch (e) {
        if (!(e instanceof ApiRequestError && e.status === 404) || !agentUrl) {
          if (live)
            setError(
              e instanceof ApiRequestError && e.status === 404
                ? 'No such task in the store.'
                : String(e),
            );
          return;
        }
        try {
          const { clientFor } = await import('../a2a/agent-client.js');
          const remote = await (await clientFor(agentUrl)).getTask({ id: taskId });
          if (!live) return;
          setTask(remote);
          setOrigin('agent');
          setEntries((current) =>
            current.length > 0
              ? current
              : [
                  {
                    timestamp: remote.status.timestamp ?? new Date().toISOString(),
                    event: { task: remote },
                  },
                ],
          );
          setError(undefined);
        } catch (remoteError) {
          if (live) setError(String(remoteError));
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [taskId, agentUrl, tick]);

  const terminal = task ? isTerminal(task.status.state) : false;
  useEffect(() => {
    if (!follow || !origin || (terminal && origin === 'agent')) return;
    if (origin === 'store') {
      const source = new EventSource(
        `/api/stream?task=${encodeURIComponent(taskId)}&after=${lastSeq.current}`,
      );
      let refresh: ReturnType<typeof setTimeout> | undefined;
      // A detail response that arrives after this task's view closed is not this view's.
      let open = true;
      source.onopen = () => setFollowing(true);
      source.onerror = () => setFollowing(false);
      source.addEventListener('task-event', (message) => {
        const entry = JSON.parse((message as MessageEvent<string>).data) as TaskEventEntry;
        if (entry.seq <= lastSeq.current) return;
        lastSeq.current = entry.seq;
        setEntries((current) => [...current, entry]);
        refresh ??= setTimeout(() => {
          refresh = undefined;
          apiGet<TaskDetailResponse>(`/api/tasks/${encodeURIComponent(taskId)}`).then(
            ({ task: stored, ...rest }) => {
              if (!open) return;
              setTask(stored);
              setDetail(rest);
            },
            () => undefined,
          );
        }, 150);
      });
      return () => {
        open = false;
        source.close();
        if (refresh) clearTimeout(refresh);
        setFollowing(false);
      };
    }
    const abort = new AbortController();
    (async () => {
      const { clientFor } = await import('../a2a/agent-client.js');
      const { TaskTracker } = await import('@baton/client');
      const client = await clientFor(agentUrl!);
      const tracker = new TaskTracker(task);
      setFollowing(true);
      for await (const event of client.subscribeToTask({ id: taskId }, { signal: abort.signal })) {
        setEntries((current) => [...current, { timestamp: new Date().toISOString(), event }]);
        setTask(tracker.apply(event));
      }
    })()
      .catch((e: unknown) => !abort.signal.aborted && setError(`Following stopped: ${String(e)}`))
      .finally(() => setFollowing(false));
    return () => abort.abort();
    // The task itself is only the tracker's starting point: following restarts on origin changes.
  }, [follow, origin, taskId, terminal, agentUrl]);

  return { task, detail, entries, origin, error, following, reload };
}
