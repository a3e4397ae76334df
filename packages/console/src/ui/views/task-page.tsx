import { type Artifact } from '@baton/protocol';
import { useEffect, useState } from 'preact/hooks';

import { type KnownAgent } from '../agents-store.js';
import { MessageView, PartsView } from '../components/parts.js';
import { RawJson } from '../components/raw-json.js';
import { StateBadge } from '../components/state-badge.js';
import { clock, duration, isTerminal } from '../format.js';
import { href, type Route } from '../router.js';
import { TaskActions } from './task-actions.js';
import { Timeline } from './timeline.js';
import { useTask } from './use-task.js';

function ArtifactView({ artifact }: { artifact: Artifact }) {
  return (
    <article class="artifact" aria-label={`artifact ${artifact.name ?? artifact.artifactId}`}>
      <header>
        <strong>{artifact.name ?? 'artifact'}</strong>{' '}
        <code class="muted">{artifact.artifactId}</code>
        {artifact.description && <span class="muted"> · {artifact.description}</span>}
      </header>
      <PartsView parts={artifact.parts} />
    </article>
  );
}

interface TaskPageProps {
  taskId: string;
  route: Route;
  agents: KnownAgent[] | undefined;
}

/** One task: header, actions, timeline of every event, history by part kind, merged artifacts. */
export function TaskPage({ taskId, route, agents }: TaskPageProps) {
  const [follow, setFollow] = useState(true);
  const [tab, setTab] = useState<'timeline' | 'history' | 'artifacts'>('timeline');
  const hinted = route.query.get('agent') ?? undefined;
  const hintedUrl = agents?.find((a) => a.name === hinted)?.url;
  const data = useTask(taskId, hintedUrl, follow);
  const agentName = data.detail?.agent ?? hinted;
  const agentUrl = agents?.find((a) => a.name === agentName)?.url;
  const { task } = data;
  useEffect(() => setFollow(true), [taskId]);
  if (!task) {
    return data.error ? (
      <p class="problem" role="alert">
        {data.error}
      </p>
    ) : (
      <p class="muted">Loading…</p>
    );
  }
  const finished = isTerminal(task.status.state);
  const created = data.detail?.createdAt ?? data.entries[0]?.timestamp;
  const end = isTerminal(task.status.state)
    ? (task.status.timestamp ?? data.detail?.updatedAt)
    : undefined;
  return (
    <>
      <div class="view-head">
        <h2>
          Task <code>{task.id}</code>
        </h2>
        <StateBadge state={task.status.state} />
        <label class="toggle">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => setFollow(e.currentTarget.checked)}
          />{' '}
          Follow live
        </label>
        <span
          class={data.following && !finished ? 'pill ok' : 'pill'}
          role="status"
          aria-live="polite"
        >
          {finished ? 'finished' : data.following ? 'following' : 'not following'}
        </span>
      </div>
      <dl class="facts">
        <dt>Agent</dt>
        <dd>{agentName ?? '—'}</dd>
        <dt>Context</dt>
        <dd>
          {task.contextId ? (
            <a href={href(`/contexts/${encodeURIComponent(task.contextId)}`, { agent: agentName })}>
              <code>{task.contextId}</code>
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Created</dt>
        <dd>{clock(created)}</dd>
        <dt>Updated</dt>
        <dd>{clock(task.status.timestamp ?? data.detail?.updatedAt)}</dd>
        <dt>Duration</dt>
        <dd>
          {created
            ? duration(Date.parse(end ?? new Date().toISOString()) - Date.parse(created))
            : '—'}
          {end ? '' : ' so far'}
        </dd>
        <dt>Source</dt>
        <dd>
          {data.origin === 'store'
            ? `store (event ${data.detail?.seq ?? '?'})`
            : 'the agent, over A2A'}
        </dd>
      </dl>
      {task.status.message && (
        <div class="status-message">
          <MessageView message={task.status.message} time={clock(task.status.timestamp)} />
        </div>
      )}
      <TaskActions task={task} agentUrl={agentUrl} onDone={data.reload} />
      {data.error && (
        <p class="problem" role="alert">
          {data.error}
        </p>
      )}
      <div class="tabs" role="tablist" aria-label="Task details">
        {(['timeline', 'history', 'artifacts'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {name === 'timeline'
              ? `Timeline (${data.entries.length})`
              : name === 'history'
                ? `History (${task.history?.length ?? 0})`
                : `Artifacts (${task.artifacts?.length ?? 0})`}
          </button>
        ))}
      </div>
      <section role="tabpanel" aria-label={tab}>
        {tab === 'timeline' && <Timeline entries={data.entries} />}
        {tab === 'history' &&
          ((task.history ?? []).length === 0 ? (
            <p class="muted">No history.</p>
          ) : (
            task.history!.map((message) => (
              <MessageView key={message.messageId} message={message} />
            ))
          ))}
        {tab === 'artifacts' &&
          ((task.artifacts ?? []).length === 0 ? (
            <p class="muted">No artifacts.</p>
          ) : (
            task.artifacts!.map((artifact) => (
              <ArtifactView key={artifact.artifactId} artifact={artifact} />
            ))
          ))}
      </section>
      <RawJson value={task} label="Raw task JSON" />
    </>
  );
}
