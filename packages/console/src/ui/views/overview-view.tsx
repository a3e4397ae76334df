import { useEffect, useState } from 'preact/hooks';

import { type ConsoleInfo, type OverviewResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { BarChart, ColumnChart } from '../components/charts.js';
import { StateBadge } from '../components/state-badge.js';
import { duration, shortId, stateLabel } from '../format.js';
import { href } from '../router.js';
import { STATES } from '../states.js';

const REFRESH_MS = 5000;

/** Counts by state, tasks per minute, failure rate and the slowest tasks, refreshed every few seconds. */
export function OverviewView({ info }: { info: ConsoleInfo | undefined }) {
  const [data, setData] = useState<OverviewResponse>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const load = () =>
      apiGet<OverviewResponse>('/api/overview').then(setData, (e) => setError(String(e)));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  if (info && !info.hasStore) {
    return <p class="notice">The overview reads the store; this console runs without one.</p>;
  }
  if (!data) return error ? <p class="problem">{error}</p> : <p class="muted">Loading…</p>;
  const bars = STATES.map((state) => ({
    label: stateLabel(state),
    value: data.counts[state] ?? 0,
    tone: `bar bar-${stateLabel(state)}`,
  }));
  const columns = data.perMinute.map((m) => ({
    label: new Date(m.minute).toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }),
    value: m.created,
    overlay: m.failed,
  }));
  const created = data.perMinute.reduce((sum, m) => sum + m.created, 0);
  return (
    <>
      <div class="view-head">
        <h2>Overview</h2>
        <span class="muted">updated every {REFRESH_MS / 1000} s</span>
      </div>
      <div class="stats">
        <div class="stat">
          <span class="stat-value">{data.total.toLocaleString()}</span>
          <span class="stat-label">tasks</span>
        </div>
        <div class="stat">
          <span class="stat-value">{(created / data.windowMinutes).toFixed(1)}</span>
          <span class="stat-label">tasks / minute (last {data.windowMinutes} min)</span>
        </div>
        <div class="stat">
          <span class="stat-value">
            {data.failureRate === undefined ? '—' : `${(data.failureRate * 100).toFixed(1)} %`}
          </span>
          <span class="stat-label">failure rate (finished in the window)</span>
        </div>
        <div class="stat">
          <span class="stat-value">
            {(data.counts.TASK_STATE_WORKING ?? 0) + (data.counts.TASK_STATE_SUBMITTED ?? 0)}
          </span>
          <span class="stat-label">running now</span>
        </div>
      </div>
      <div class="two-col">
        <section class="panel">
          <h3>Tasks by state</h3>
          <BarChart bars={bars} title="Number of tasks in each state" />
        </section>
        <section class="panel">
          <h3>Tasks created per minute</h3>
          <ColumnChart
            columns={columns}
            title={`Tasks created per minute over the last ${data.windowMinutes} minutes; failures in red`}
          />
          <p class="small muted">
            Blue: created. Red: failed.
            {data.sampled && ' Sampled: the newest tasks of the window only.'}
          </p>
        </section>
      </div>
      <section class="panel">
        <h3>Slowest tasks (finished in the window)</h3>
        {data.slowest.length === 0 ? (
          <p class="muted">None finished in the window.</p>
        ) : (
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Agent</th>
                <th scope="col">State</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {data.slowest.map((t) => (
                <tr key={t.id}>
                  <td>
                    <a href={href(`/tasks/${encodeURIComponent(t.id)}`, { agent: t.agent })}>
                      <code>{shortId(t.id)}</code>
                    </a>
                  </td>
                  <td>{t.agent ?? '—'}</td>
                  <td>
                    <StateBadge state={t.state} />
                  </td>
                  <td>{duration(t.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
