import { errorMessage, type Logger } from '../logger.js';
import { type TaskStore } from '../task-store.js';
import { Periodic } from './periodic.js';

/** How long finished tasks are kept (`retention` option of the request handler). */
export interface RetentionOptions {
  /**
   * Terminal tasks (completed, failed, canceled, rejected) whose last change is older than this
   * are deleted with their events, messages and push configs. In the same purge, a context with
   * no task left (after that) whose newest message is older than this loses its stored messages
   * and its position counter: conversations of direct replies (no task) expire too, and a context
   * used again afterwards starts from position 1. Whatever `maxAgeMs`, a context whose newest
   * message is under a minute old (store clock) is kept: a new task's first message is stored
   * just before its task, and must not be purged in between.
   */
  maxAgeMs: number;
  /** How often the handler purges. @default 3_600_000 (one hour) */
  intervalMs?: number | undefined;
}

/**
 * Purges expired tasks on a timer ({@link Periodic}): never keeps a process alive, `stop()`
 * clears it.
 */
export class RetentionTimer {
  readonly #tasks: TaskStore;
  readonly #logger: Logger;
  readonly #maxAgeMs: number;
  readonly #periodic: Periodic;

  constructor(tasks: TaskStore, options: RetentionOptions, logger: Logger) {
    const { maxAgeMs, intervalMs = 3_600_000 } = options;
    if (!Number.isFinite(maxAgeMs) || maxAgeMs < 0) {
      throw new RangeError(`retention.maxAgeMs must be a non-negative number, got ${maxAgeMs}`);
    }
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new RangeError(`retention.intervalMs must be a positive number, got ${intervalMs}`);
    }
    this.#tasks = tasks;
    this.#logger = logger;
    this.#maxAgeMs = maxAgeMs;
    this.#periodic = new Periodic(intervalMs);
  }

  /** Purges now, then every `intervalMs`. */
  start(): void {
    this.#periodic.every(() => this.#purge(Date.now()), true);
  }

  /**
   * Deletes terminal tasks last changed more than `maxAgeMs` before `now`; resolves with how many.
   * A store error is logged and counts as zero. One purge at a time: a call during one runs after
   * it, with its own clock reading.
   */
  purge(now?: number): Promise<number> {
    return this.#periodic.run(() => this.#purge(now ?? Date.now()));
  }

  /** Clears the timer and waits for a purge in progress. */
  stop(): Promise<void> {
    return this.#periodic.stop();
  }

  async #purge(now: number): Promise<number> {
    try {
      const purged = await this.#tasks.purge(new Date(now - this.#maxAgeMs).toISOString());
      if (purged > 0) this.#logger.info('purged expired tasks', { count: purged });
      return purged;
    } catch (error) {
      this.#logger.error('could not purge expired tasks', { error: errorMessage(error) });
      return 0;
    }
  }
}
