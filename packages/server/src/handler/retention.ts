import { errorMessage, type Logger } from '../logger.js';
import { type TaskStore } from '../task-store.js';

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
 * Purges expired tasks on a timer: `setTimeout` only (runtime-neutral), unref'd where the
 * runtime has `unref` (Node, Bun), so it never keeps a process alive; `stop()` clears it.
 */
export class RetentionTimer {
  readonly #tasks: TaskStore;
  readonly #logger: Logger;
  readonly #maxAgeMs: number;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #running: Promise<number> | undefined;

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
    this.#intervalMs = intervalMs;
  }

  /** Purges now, then every `intervalMs`. */
  start(): void {
    if (this.#stopped) return;
    void this.purge().finally(() => this.#schedule());
  }

  /**
   * Deletes terminal tasks last changed more than `maxAgeMs` before `now`; resolves with how many.
   * A store error is logged and counts as zero.
   */
  purge(now?: number): Promise<number> {
    // One purge at a time: a call during one runs after it, with its own clock reading.
    const next = (this.#running ?? Promise.resolve(0)).then(() => this.#purge(now ?? Date.now()));
    this.#running = next;
    void next.finally(() => {
      if (this.#running === next) this.#running = undefined;
    });
    return next;
  }

  /** Clears the timer and waits for a purge in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
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

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.purge().finally(() => this.#schedule());
    }, this.#intervalMs);
    // Node and Bun timers are objects with unref(); elsewhere the timer is a number.
    (this.#timer as unknown as { unref?: () => void }).unref?.();
  }
}
