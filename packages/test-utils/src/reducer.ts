import { type Artifact, isTerminalState, UnsupportedOperationError } from '@baton/protocol';
import { type TaskReducer } from '@baton/server';

/**
 * A small reference `TaskReducer` for store tests. It refuses every event once the task is
 * terminal (`UnsupportedOperationError`); otherwise `statusUpdate` replaces the status (its
 * message stays in the status), `message` is appended to the history, `artifactUpdate` adds a new
 * artifact, replaces the one with the same id, or with `append` adds its parts to it, and `task`
 * replaces the snapshot (keeping the id). It never changes its input.
 * @example
 * await store.events.append(task.id, statusEvent(task, 'TASK_STATE_WORKING'), replaceStatusReducer);
 */
export const replaceStatusReducer: TaskReducer = (current, event) => {
  const { task } = current;
  if (isTerminalState(task.status.state)) {
    throw new UnsupportedOperationError(`task ${task.id} is ${task.status.state}: no more events`, {
      metadata: { taskId: task.id },
    });
  }
  if (event.statusUpdate) return { ...task, status: event.statusUpdate.status };
  if (event.message) return { ...task, history: [...(task.history ?? []), event.message] };
  if (event.artifactUpdate) {
    const { artifact, append } = event.artifactUpdate;
    return { ...task, artifacts: withArtifact(task.artifacts ?? [], artifact, append === true) };
  }
  if (event.task) return { ...event.task, id: task.id };
  return task;
};

function withArtifact(artifacts: Artifact[], artifact: Artifact, append: boolean): Artifact[] {
  const index = artifacts.findIndex((entry) => entry.artifactId === artifact.artifactId);
  if (index < 0) return [...artifacts, artifact];
  const previous = artifacts[index]!;
  const next = append ? { ...previous, parts: [...previous.parts, ...artifact.parts] } : artifact;
  return artifacts.map((entry, i) => (i === index ? next : entry));
}
