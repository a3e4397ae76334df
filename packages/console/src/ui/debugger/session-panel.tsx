import { useState } from 'preact/hooks';

import { type CallRecord } from './recorder.js';
import { type DebugSession, exportSession, parseSession } from './session.js';

interface SessionPanelProps {
  session: DebugSession;
  busy: boolean;
  canReplay: boolean;
  onNew: () => void;
  onImport: (session: DebugSession) => void;
  onReplay: (calls: readonly CallRecord[]) => void;
}

/** Save, export, import and replay of the debugging session. */
export function SessionPanel({
  session,
  busy,
  canReplay,
  onNew,
  onImport,
  onReplay,
}: SessionPanelProps) {
  const [problem, setProblem] = useState<string>();
  const replayable = session.calls.filter((c) => c.operation !== 'FetchCard');
  return (
    <section class="panel" aria-labelledby="session-title">
      <h3 id="session-title">Session</h3>
      <p class="small muted">
        {session.calls.length} call{session.calls.length === 1 ? '' : 's'} · saved in this browser ·
        id <code>{session.id.slice(0, 8)}</code>
      </p>
      <div class="row">
        <button
          type="button"
          onClick={() => exportSession(session)}
          disabled={session.calls.length === 0}
        >
          Export session
        </button>
        <label class="button">
          Import session
          <input
            type="file"
            accept="application/json,.json"
            class="sr-only"
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              void file.text().then((text) => {
                try {
                  onImport(parseSession(text));
                  setProblem(undefined);
                } catch (error) {
                  setProblem((error as Error).message);
                }
                input.value = '';
              });
            }}
          />
        </label>
        <button
          type="button"
          disabled={busy || !canReplay || replayable.length === 0}
          onClick={() => onReplay(replayable)}
        >
          Replay {replayable.length} call{replayable.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={onNew} disabled={busy}>
          New session
        </button>
      </div>
      {!canReplay && replayable.length > 0 && (
        <p class="small muted">Fetch a card to replay against that agent.</p>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
