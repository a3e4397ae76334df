/**
 * Work that runs one at a time, on request and every `intervalMs` after the previous run ended:
 * `setTimeout` only (runtime-neutral), unref'd where the runtime has `unref` (Node, Bun), so it
 * never keeps a process alive; `stop()` clears it and waits for the run in progress.
 */
export class Periodic {
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #running: Promise<unknown> | undefined;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** Runs `work` once the run in progress (if any) has ended; resolves with its result. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = (this.#running ?? Promise.resolve()).then(work);
    this.#running = next;
    void next.finally(() => {
      if (this.#running === next) this.#running = undefined;
    });
    return next;
  }

  /** Runs `work` every `intervalMs` (and first at once with `now`) until {@link stop}. */
  every(work: () => Promise<unknown>, now: boolean): void {
    if (this.#stopped) return;
    const schedule = () => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.run(work).finally(schedule);
      }, this.#intervalMs);
      // Node and Bun timers are objects with unref(); elsewhere the timer is a number.
      (this.#timer as unknown as { unref?: () => void }).unref?.();
    };
    if (now) void this.run(work).finally(schedule);
    else schedule();
  }

  /** Clears the timer and waits for the run in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
