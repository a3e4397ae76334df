import { TaskTracker } from '@baton/client';
import {
  type StreamResponse,
  type Task,
  type TaskArtifactUpdateEvent,
  type TaskState,
  type TaskStatus,
} from '@baton/protocol';

import {
  artifactHeading,
  colouredState,
  renderMessage,
  renderParts,
  stateLabel,
  taskHeadline,
} from './format.js';
import { type Output } from './output.js';

/**
 * Prints a task's stream as it happens: the task once, each state change with its status
 * message, and artifacts as they arrive — text chunks (`append`) flow on as they stream. With
 * `--json` it prints each event as one NDJSON line instead. Folds every event into
 * {@link LiveView.tracker}, so the final task is known when the stream ends.
 */
export class LiveView {
  /** The task (or direct reply) as streamed so far. */
  readonly tracker = new TaskTracker();
  readonly #out: Output;
  readonly #printedParts = new Map<string, number>();
  #headlineShown = false;
  #lastState: TaskState | undefined;
  #openArtifact: string | undefined;

  constructor(out: Output) {
    this.#out = out;
  }

  /** Folds one event in and prints it. */
  apply(event: StreamResponse): void {
    this.tracker.apply(event);
    const out = this.#out;
    if (out.json) {
      out.ndjson(event);
      return;
    }
    if (event.task) this.#snapshot(event.task);
    else if (event.message) {
      this.#openArtifact = undefined;
      if (this.tracker.task) out.line(renderMessage(event.message, out.c));
      else out.line(renderParts(event.message.parts, out.c));
    } else if (event.statusUpdate) this.#status(event.statusUpdate.status);
    else if (event.artifactUpdate) this.#artifact(event.artifactUpdate);
    const state = this.tracker.task?.status.state;
    if (state) out.spinner.start(`task ${stateLabel(state)}…`);
  }

  #headline(): void {
    const task = this.tracker.task;
    if (this.#headlineShown || !task) return;
    this.#headlineShown = true;
    this.#out.line(
      taskHeadline(task, this.#out.c),
      `${this.#out.c('context', 'dim')} ${task.contextId ?? '—'}`,
    );
    this.#lastState = task.status.state;
  }

  #snapshot(task: Task): void {
    const first = !this.#headlineShown;
    this.#headline();
    if (!first) this.#status(task.status);
    else if (task.status.message) this.#status(task.status, true);
    for (const artifact of task.artifacts ?? []) {
      const printed = this.#printedParts.get(artifact.artifactId) ?? 0;
      if (printed >= artifact.parts.length) continue;
      if (printed === 0 || this.#openArtifact !== artifact.artifactId) {
        this.#out.line(artifactHeading(artifact, this.#out.c));
      }
      this.#out.write(renderParts(artifact.parts.slice(printed), this.#out.c));
      this.#printedParts.set(artifact.artifactId, artifact.parts.length);
      this.#openArtifact = artifact.artifactId;
    }
  }

  #status(status: TaskStatus, force = false): void {
    this.#headline();
    if (!force && status.state === this.#lastState && !status.message) return;
    this.#lastState = status.state;
    this.#openArtifact = undefined;
    const c = this.#out.c;
    const message = status.message ? ` ${renderParts(status.message.parts, c)}` : '';
    this.#out.line(`${c('●', 'dim')} ${colouredState(status.state, c)}${message}`);
  }

  #artifact(update: TaskArtifactUpdateEvent): void {
    this.#headline();
    const { artifact } = update;
    const c = this.#out.c;
    const printed = this.#printedParts.get(artifact.artifactId);
    const append = update.append === true && printed !== undefined;
    if (!append) {
      this.#out.line(artifactHeading(artifact, c, printed !== undefined ? 'replaced' : undefined));
    } else if (this.#openArtifact !== artifact.artifactId) {
      this.#out.line(artifactHeading(artifact, c, 'continued'));
    }
    this.#out.write(renderParts(artifact.parts, c));
    this.#printedParts.set(
      artifact.artifactId,
      (append ? (printed ?? 0) : 0) + artifact.parts.length,
    );
    this.#openArtifact = artifact.artifactId;
    if (update.lastChunk === true) {
      this.#out.endLine();
      this.#openArtifact = undefined;
    }
  }
}
