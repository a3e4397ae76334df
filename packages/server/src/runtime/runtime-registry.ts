import { type ServerCore } from './core.js';
import { type Run } from './run.js';
import { type RuntimeHost, TaskRuntime } from './task-runtime.js';
import { TaskWriter, type TaskWriterInit } from './task-writer.js';

/** The task runtimes alive on this instance, and every run that has not finished. */
export class RuntimeRegistry implements RuntimeHost {
  readonly #core: ServerCore;
  readonly #runtimes = new Map<string, TaskRuntime>();
  readonly #runs = new Set<Run>();

  constructor(core: ServerCore) {
    this.#core = core;
  }

  /** The runtime of a task, if it has one here. */
  get(taskId: string): TaskRuntime | undefined {
    return this.#runtimes.get(taskId);
  }

  /** The runtime of a task, created with a writer from `init` when it has none. */
  obtain(init: TaskWriterInit): TaskRuntime {
    let runtime = this.#runtimes.get(init.taskId);
    if (!runtime) {
      runtime = new TaskRuntime(this.#core, this, new TaskWriter(this.#core, init));
      this.#runtimes.set(init.taskId, runtime);
    }
    return runtime;
  }

  /** Every runtime, for shutdown. */
  runtimes(): TaskRuntime[] {
    return [...this.#runtimes.values()];
  }

  /** Every run that is executing or queued. */
  runs(): Run[] {
    return [...this.#runs];
  }

  /** How many runtimes are alive (a leak check for tests). */
  get size(): number {
    return this.#runtimes.size;
  }

  track(run: Run): void {
    this.#runs.add(run);
  }

  untrack(run: Run): void {
    this.#runs.delete(run);
  }

  release(runtime: TaskRuntime): void {
    if (runtime.idle && this.#runtimes.get(runtime.taskId) === runtime) {
      this.#runtimes.delete(runtime.taskId);
    }
  }
}
