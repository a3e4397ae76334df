import { type ArtifactChunkOptions, type ArtifactInput, type TaskEvents } from '@baton/server';

/**
 * Writes progress to the orchestrator task from stream callbacks that cannot wait: each write is
 * queued by the server in call order, and a write refused because the task already ended (it was
 * canceled meanwhile) is dropped instead of becoming an unhandled rejection; any other refusal is
 * kept in `error`.
 */
export class ProgressWriter {
  readonly #events: TaskEvents;
  #last: Promise<void> = Promise.resolve();
  /** The first write refused while the task was still open: a bug worth failing the task for. */
  error: unknown;

  constructor(events: TaskEvents) {
    this.#events = events;
  }

  /** A working status with this message. */
  status(text: string): void {
    this.#track(this.#events.working(text));
  }

  /** An artifact, or a chunk of one. */
  artifact(artifact: ArtifactInput, options: ArtifactChunkOptions): void {
    this.#track(this.#events.addArtifact(artifact, options));
  }

  /** Resolves once every write made so far is stored (or dropped). */
  flush(): Promise<void> {
    return this.#last;
  }

  #track(write: Promise<unknown>): void {
    // Writes apply in call order, so the last one settles after all the others.
    this.#last = write.then(
      () => undefined,
      (error: unknown) => {
        if (!this.#events.finished) this.error ??= error;
      },
    );
  }
}
