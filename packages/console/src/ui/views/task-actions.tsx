import { type Task } from '@baton/protocol';
import { useState } from 'preact/hooks';

import { isTerminal } from '../format.js';

interface ActionsProps {
  task: Task;
  /** Where the task's agent answers; actions need it. */
  agentUrl: string | undefined;
  onDone: () => void;
}

/** Cancel, and the answer box of a task that waits for input; both go to the agent over A2A. */
export function TaskActions({ task, agentUrl, onDone }: ActionsProps) {
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [note, setNote] = useState<string>();
  const state = task.status.state;
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
      setNote(done);
      onDone();
    } catch (e) {
      setProblem(String(e));
    } finally {
      setBusy(false);
    }
  };
  if (!agentUrl) {
    return isTerminal(state) ? null : (
      <p class="notice">
        The console does not know this task’s agent, so it cannot cancel or answer it.
      </p>
    );
  }
  const waiting = state === 'TASK_STATE_INPUT_REQUIRED' || state === 'TASK_STATE_AUTH_REQUIRED';
  return (
    <div class="actions">
      {!isTerminal(state) && (
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() =>
            void run(
              async () => (await import('../a2a/agent-client.js')).cancelTask(agentUrl, task.id),
              'Cancel sent',
            )
          }
        >
          Cancel task
        </button>
      )}
      {waiting && (
        <form
          class="answer"
          onSubmit={(e) => {
            e.preventDefault();
            const text = answer.trim();
            if (!text) return;
            void run(async () => {
              await (await import('../a2a/agent-client.js')).answerTask(agentUrl, task, text);
              setAnswer('');
            }, 'Answer sent');
          }}
        >
          <label for="answer">The agent is waiting for input</label>
          <textarea
            id="answer"
            rows={2}
            value={answer}
            onInput={(e) => setAnswer(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy || !answer.trim()}>
            Send answer
          </button>
        </form>
      )}
      {note && !problem && (
        <span class="muted" role="status">
          {note}
        </span>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
