import { type InstanceLeases } from '../instance-leases.js';
import { errorMessage, type Logger } from '../logger.js';
import { type RecoveryReport } from '../recovery.js';
import { Periodic } from './periodic.js';

/**
 * Recovery of a running server over a store with instance leases: every half lease period it
 * looks for tasks whose instance is gone (a sibling that crashed, or this instance's previous
 * process while its lease ran out) and applies the recovery rule to them, on a timer that never
 * keeps a process alive ({@link Periodic}).
 */
export class RecoverySweep {
  readonly #recover: () => Promise<RecoveryReport>;
  readonly #logger: Logger;
  readonly #periodic: Periodic;

  constructor(leases: InstanceLeases, recover: () => Promise<RecoveryReport>, logger: Logger) {
    this.#recover = recover;
    this.#logger = logger;
    this.#periodic = new Periodic(Math.max(1, leases.leaseMs / 2));
  }

  /** Sweeps every half lease period from now on. */
  start(): void {
    this.#periodic.every(() => this.#sweep(), false);
  }

  /** Runs one sweep now (after the one in progress). */
  sweep(): Promise<void> {
    return this.#periodic.run(() => this.#sweep());
  }

  /** Clears the timer and waits for a sweep in progress. */
  stop(): Promise<void> {
    return this.#periodic.stop();
  }

  async #sweep(): Promise<void> {
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
}
