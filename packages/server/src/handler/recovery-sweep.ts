import { type InstanceLeases } from '../instance-leases.js';
import { errorMessage, type Logger } from '../logger.js';
import { type RecoveryReport } from '../recovery.js';

/**
 * Recovery of a running server over a store with instance leases: every half lease period it
 * looks for tasks whose instance is gone (a sibling that crashed, or this instance's previous
 * process while its lease ran out) and applies the recovery rule to them. A timer of
 * `setTimeout` only, unref'd where the runtime allows, cleared by `stop()`.
 */
export class RecoverySweep {
  readonly #recover: () => Promise<RecoveryReport>;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;

  constructor(leases: InstanceLeases, recover: () => Promise<RecoveryReport>, logger: Logger) {
    this.#recover = recover;
    this.#logger = logger;
    this.#intervalMs = Math.max(1, leases.leaseMs / 2);
  }

  /** Sweeps every half lease period from now on. */
  start(): void {
    this.#schedule();
  }

  /** Runs one sweep now (after the one in progress); resolves with what it did. */
  sweep(): Promise<void> {
    const next = (this.#running ?? Promise.resolve()).then(() => this.#sweep());
    this.#running = next;
    void next.finally(() => {
      if (this.#running === next) this.#running = undefined;
    });
    return next;
  }

  /** Clears the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #sweep(): Promise<void> {
    if (this.#stopped) return;
    try {
      const report = await this.#recover();
      if (report.failed.length + report.resumed.length > 0) {
        this.#logger.info('took over tasks of an instance that is gone', {
          failed: report.failed.length,
          resumed: report.resumed.length,
        });
      }
    } catch (error) {
      this.#logger.error('recovery of orphaned tasks failed', { error: errorMessage(error) });
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.sweep().finally(() => this.#schedule());
    }, this.#intervalMs);
    // Node and Bun timers are objects with unref(); elsewhere the timer is a number.
    (this.#timer as unknown as { unref?: () => void }).unref?.();
  }
}
