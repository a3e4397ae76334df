import { type StreamResponse } from '@baton/protocol';

import { MessageView, PartsView } from '../components/parts.js';
import { RawJson } from '../components/raw-json.js';
import { StateBadge } from '../components/state-badge.js';
import { clock, duration } from '../format.js';

/** One entry of a task's timeline: an event of its log (or of a stream), and when it happened. */
export interface TimelineEntry {
  /** The log sequence number, when the event came from the store. */
  seq?: number | undefined;
  timestamp: string;
  event: StreamResponse;
}

function describe(event: StreamResponse) {
  if (event.task) {
    return (
      <>
        <span class="kind">task</span> snapshot · <StateBadge state={event.task.status.state} />
      </>
    );
  }
  if (event.statusUpdate) {
    const { status } = event.statusUpdate;
    return (
      <>
        <span class="kind">status</span> → <StateBadge state={status.state} />
        {status.message && <MessageView message={status.message} />}
      </>
    );
  }
  if (event.artifactUpdate) {
    const { artifact, append, lastChunk } = event.artifactUpdate;
    return (
      <>
        <span class="kind">artifact</span> {artifact.name ?? artifact.artifactId}
        <span class="muted">
          {append ? ' · appended chunk' : ' · new'}
          {lastChunk ? ' · last chunk' : ''}
        </span>
        <PartsView parts={artifact.parts} />
      </>
    );
  }
  if (event.message) {
    return (
      <>
        <span class="kind">message</span>
        <MessageView message={event.message} />
      </>
    );
  }
  return <span class="problem">unknown event</span>;
}

/** Every event of a task in order, with its time, the time since the previous one and since the start. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (entries.length === 0) return <p class="muted">No events yet.</p>;
  const start = Date.parse(entries[0]!.timestamp);
  return (
    <ol class="timeline" aria-label="Task events">
      {entries.map((entry, i) => {
        const time = Date.parse(entry.timestamp);
        const previous = i > 0 ? Date.parse(entries[i - 1]!.timestamp) : time;
        return (
          <li key={entry.seq ?? i} class="event">
            <div class="when">
              <time dateTime={entry.timestamp}>{clock(entry.timestamp)}</time>
              <span class="muted small">
                {entry.seq !== undefined && `#${entry.seq} · `}+{duration(time - previous)} · at{' '}
                {duration(time - start)}
              </span>
            </div>
            <div class="what">
              {describe(entry.event)}
              <RawJson value={entry.event} label="raw" />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
