import {
  type Artifact,
  isInterruptedState,
  isTerminalState,
  type Message,
  type StreamResponse,
  type Task,
  type TaskStatus,
} from '@baton/protocol';

/**
 * Folds stream events into the task they describe, the way the server folds its event log:
 * a `task` replaces the view, `statusUpdate` sets the status, `artifactUpdate` adds, replaces or
 * (with `append`) extends an artifact, and messages go to the history.
 * @example
 * const tracker = new TaskTracker();
 * for await (const event of client.sendStreamingMessage(params)) tracker.apply(event);
 * console.log(tracker.task?.status.state);
 */
export class TaskTracker {
  /** The task as known so far. */
  task: Task | undefined;
  /** The direct reply, when the agent answered with a message instead of a task. */
  message: Message | undefined;

  constructor(task?: Task) {
    this.task = task && cloneTask(task);
  }

  /** Applies one event; returns the updated task (undefined for a message-only exchange). */
  apply(event: StreamResponse): Task | undefined {
    if (event.task) {
      this.task = cloneTask(event.task);
    } else if (event.message) {
      if (this.task) this.task.history = [...(this.task.history ?? []), event.message];
      else this.message = event.message;
    } else if (event.statusUpdate) {
      const { taskId, contextId, status } = event.statusUpdate;
      this.task ??= { id: taskId, contextId, status };
      this.task.status = status;
    } else if (event.artifactUpdate) {
      const { taskId, contextId, artifact, append } = event.artifactUpdate;
      this.task ??= { id: taskId, contextId, status: { state: 'TASK_STATE_WORKING' } };
      this.task.artifacts = mergeArtifact(this.task.artifacts ?? [], artifact, append === true);
    }
    return this.task;
  }

  /** Whether no more events will come: a direct message, or a terminal or interrupted task. */
  get settled(): boolean {
    if (this.message && !this.task) return true;
    const state = this.task?.status.state;
    return state !== undefined && (isTerminalState(state) || isInterruptedState(state));
  }

  /**
   * Whether a snapshot says nothing this tracker does not know: same status and same artifacts.
   * Used to drop the snapshot a resubscription starts with when nothing was missed.
   */
  knows(snapshot: Task): boolean {
    const task = this.task;
    if (!task || task.id !== snapshot.id || !sameStatus(task.status, snapshot.status)) return false;
    return JSON.stringify(task.artifacts ?? []) === JSON.stringify(snapshot.artifacts ?? []);
  }
}

/** Whether two statuses are the same moment: same state, timestamp and status message. */
export function sameStatus(a: TaskStatus, b: TaskStatus): boolean {
  return (
    a.state === b.state &&
    a.timestamp === b.timestamp &&
    a.message?.messageId === b.message?.messageId
  );
}

function mergeArtifact(artifacts: Artifact[], artifact: Artifact, append: boolean): Artifact[] {
  const index = artifacts.findIndex((a) => a.artifactId === artifact.artifactId);
  if (index === -1) return [...artifacts, artifact];
  const next = [...artifacts];
  next[index] = append
    ? { ...artifacts[index]!, parts: [...artifacts[index]!.parts, ...artifact.parts] }
    : artifact;
  return next;
}

function cloneTask(task: Task): Task {
  return {
    ...task,
    status: { ...task.status },
    ...(task.artifacts ? { artifacts: [...task.artifacts] } : {}),
    ...(task.history ? { history: [...task.history] } : {}),
  };
}
