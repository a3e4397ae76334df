import {
  type Artifact,
  type Message,
  type StreamResponse,
  type Task,
  type TaskArtifactUpdateEvent,
} from '@baton/protocol';

import { withMembers } from './with-members.js';

/** Options of {@link applyTaskEvent}. */
export interface ApplyTaskEventOptions {
  /**
   * The most messages a task's history keeps; the oldest are dropped first.
   * @default unbounded
   */
  maxHistory?: number | undefined;
}

/**
 * Folds one event into a task snapshot and returns the new snapshot; the input is not changed.
 * `task` replaces the snapshot; `message` is appended to the history; `statusUpdate` replaces the
 * status and appends its message (if any) to the history too, as the A2A SDKs do; `artifactUpdate`
 * with `append` adds its parts to the artifact with the same id (an unknown id is a new artifact),
 * otherwise it replaces that artifact or adds a new one at the end. A message whose `messageId` is
 * already in the history is not added twice. Stores and tools use this same fold, so a snapshot is
 * always the fold of its event log. It validates nothing: see `validateTaskEvent`.
 * @example
 * const next = applyTaskEvent(task, { statusUpdate: { taskId, contextId, status } });
 */
export function applyTaskEvent(
  task: Task,
  event: StreamResponse,
  options: ApplyTaskEventOptions = {},
): Task {
  if (event.task) return { ...event.task };
  if (event.message) return withHistory(task, event.message, options.maxHistory);
  if (event.statusUpdate) {
    const { status } = event.statusUpdate;
    const next: Task = { ...task, status: { ...status } };
    return status.message ? withHistory(next, status.message, options.maxHistory) : next;
  }
  if (event.artifactUpdate) return withArtifact(task, event.artifactUpdate);
  return task;
}

function withHistory(task: Task, message: Message, maxHistory: number | undefined): Task {
  const history = task.history ?? [];
  if (history.some((entry) => entry.messageId === message.messageId)) return task;
  const next = [...history, message];
  if (maxHistory !== undefined && next.length > maxHistory) {
    next.splice(0, next.length - Math.max(0, maxHistory));
  }
  // A spread that adds a key is slow on Node 20 (see withMembers); one that replaces it is not.
  return task.history ? { ...task, history: next } : withMembers(task, { history: next });
}

function withArtifact(task: Task, update: TaskArtifactUpdateEvent): Task {
  const artifacts = task.artifacts ?? [];
  const { artifactId } = update.artifact;
  let index = 0;
  while (index < artifacts.length && artifacts[index]!.artifactId !== artifactId) index++;
  const next = [...artifacts];
  if (index === artifacts.length) next.push(update.artifact);
  else next[index] = update.append ? mergeArtifact(next[index]!, update.artifact) : update.artifact;
  return task.artifacts ? { ...task, artifacts: next } : withMembers(task, { artifacts: next });
}

/** Adds a chunk to an artifact: parts are concatenated, later names and metadata win. */
function mergeArtifact(current: Artifact, chunk: Artifact): Artifact {
  const merged: Artifact = { ...current, parts: [...current.parts, ...chunk.parts] };
  if (chunk.name !== undefined) merged.name = chunk.name;
  if (chunk.description !== undefined) merged.description = chunk.description;
  if (chunk.metadata !== undefined) merged.metadata = { ...current.metadata, ...chunk.metadata };
  if (chunk.extensions !== undefined) {
    merged.extensions = [...new Set([...(current.extensions ?? []), ...chunk.extensions])];
  }
  return merged;
}
