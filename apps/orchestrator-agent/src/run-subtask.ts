import { type A2AClient, isTask, textOf } from '@baton/client';
import {
  type Artifact,
  type JsonObject,
  type StreamResponse,
  type TaskState,
} from '@baton/protocol';

import { type DelegatedTask } from './delegated-task.js';
import { describeError } from './describe-error.js';
import { type Subtask } from './plan.js';
import { type ProgressWriter } from './progress-writer.js';

/** How one subtask ended, as the assembled result reports it. */
export interface SubtaskOutcome {
  subtask: Subtask;
  agentName: string;
  agentUrl: string;
  /** The delegate's task, when it worked in one (the echo agent replies directly). */
  taskId?: string | undefined;
  /** `TASK_STATE_COMPLETED`, or `'direct-reply'` for a message answer. */
  state: TaskState | 'direct-reply';
  /** The text the delegate produced (its artifacts, or its reply). */
  text: string;
}

/** A subtask that did not complete, with a message that says which and why. */
export class SubtaskError extends Error {
  override name = 'SubtaskError';
}

/** What one subtask run needs. */
export interface RunSubtaskOptions {
  subtask: Subtask;
  /** How many subtasks run in all, for the `[i/n …]` labels. */
  total: number;
  client: A2AClient;
  agentUrl: string;
  /** The orchestrator task's context: delegated messages join it, so one conversation spans agents. */
  contextId: string;
  /** The orchestrator task, named in the delegated message's metadata. */
  parentTaskId: string;
  delegated: DelegatedTask;
  progress: ProgressWriter;
  /** Aborts when the orchestrator task is canceled, shuts down, or another subtask failed. */
  signal: AbortSignal;
  /** The longest one subtask may take, in ms. */
  timeoutMs: number;
}

/** How long the delegate's stream stays open after a cancel, to report the canceled state. */
const CANCEL_GRACE_MS = 3000;

/**
 * Runs one subtask on its delegate: sends the message (streaming when the delegate can), reports
 * each of the delegate's status updates as a status message naming the subtask and the agent,
 * forwards its artifact chunks into an artifact `subtask-<i>-<n>` of the orchestrator task, and
 * resolves with what it produced. Throws {@link SubtaskError} unless it completed (or replied).
 * When `signal` aborts it cancels the delegated task, then stops reading.
 */
export async function runSubtask(options: RunSubtaskOptions): Promise<SubtaskOutcome> {
  const { subtask, client, delegated, progress, signal } = options;
  const agentName = client.card.name;
  const label = `[${subtask.index}/${options.total} ${agentName}]`;
  const artifactIds = new Map<string, string>();
  const stream = new AbortController();
  const deadline = setTimeout(
    () => stream.abort(new SubtaskError(`${label} took longer than ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  let grace: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    void delegated.cancel();
    grace = setTimeout(() => stream.abort(signal.reason), CANCEL_GRACE_MS);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });

  const forwardArtifact = (event: NonNullable<StreamResponse['artifactUpdate']>) => {
    const { artifact, append, lastChunk } = event;
    let id = artifactIds.get(artifact.artifactId);
    if (!id)
      artifactIds.set(
        artifact.artifactId,
        (id = `subtask-${subtask.index}-${artifactIds.size + 1}`),
      );
    const forwarded: Artifact = {
      artifactId: id,
      name: `subtask ${subtask.index}: ${artifact.name ?? 'artifact'}`,
      description: event.taskId
        ? `From ${agentName}, task ${event.taskId}`
        : `Direct reply from ${agentName}`,
      parts: artifact.parts,
    };
    progress.artifact(forwarded, { append: append === true, lastChunk: lastChunk === true });
  };

  const metadata: JsonObject = { orchestratorTaskId: options.parentTaskId, subtask: subtask.index };
  try {
    const result = await client.sendAndWait(
      { parts: [{ text: subtask.text }], metadata },
      {
        target: { contextId: options.contextId },
        signal: stream.signal,
        onEvent(event, task) {
          if (task && delegated.taskId === undefined) {
            delegated.identify(task.id);
            progress.status(`${label} ${subtask.title}: started task ${task.id}`);
          }
          if (event.statusUpdate) {
            const { state, message } = event.statusUpdate.status;
            const said = message ? `: ${textOf(message)}` : '';
            progress.status(`${label} ${shortState(state)}${said}`);
          } else if (event.artifactUpdate) forwardArtifact(event.artifactUpdate);
        },
      },
    );
    delegated.settle();
    if (!isTask(result)) {
      const text = textOf(result);
      progress.status(`${label} ${subtask.title}: replied "${text}"`);
      forwardArtifact({
        taskId: '',
        contextId: options.contextId,
        artifact: { artifactId: 'reply', name: 'reply', parts: result.parts },
        lastChunk: true,
      });
      const outcome = { subtask, agentName, agentUrl: options.agentUrl, text };
      return { ...outcome, state: 'direct-reply' };
    }
    const { state, message } = result.status;
    if (state !== 'TASK_STATE_COMPLETED') {
      const why = message ? `: ${textOf(message)}` : '';
      const hint =
        state === 'TASK_STATE_INPUT_REQUIRED' || state === 'TASK_STATE_AUTH_REQUIRED'
          ? ' (this orchestrator does not relay a delegate’s questions)'
          : '';
      throw new SubtaskError(
        `${label} ${subtask.title}: task ${result.id} ended ${shortState(state)}${why}${hint}`,
      );
    }
    return {
      subtask,
      agentName,
      agentUrl: options.agentUrl,
      taskId: result.id,
      state,
      text: textOf(result),
    };
  } catch (error) {
    if (error instanceof SubtaskError) throw error;
    if (stream.signal.reason instanceof SubtaskError) throw stream.signal.reason;
    if (signal.aborted) throw signal.reason;
    throw new SubtaskError(
      `${label} ${subtask.title}: could not get it done by ${agentName} at ` +
        `${options.agentUrl}: ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(deadline);
    clearTimeout(grace);
    signal.removeEventListener('abort', onAbort);
  }
}

/** `TASK_STATE_INPUT_REQUIRED` → `input-required`. */
export function shortState(state: TaskState): string {
  return state
    .replace(/^TASK_STATE_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}
