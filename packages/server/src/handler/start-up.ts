import { type Message } from '@baton/protocol';

import { errorMessage } from '../logger.js';
import {
  recoverUnfinishedTasks,
  type RecoveryMode,
  type RecoveryOptions,
  type RecoveryReport,
} from '../recovery.js';
import { type ServerCore } from '../runtime/core.js';
import { Run } from '../runtime/run.js';
import { type RuntimeRegistry } from '../runtime/runtime-registry.js';
import { type StoredTask } from '../task-store.js';
import { RecoverySweep } from './recovery-sweep.js';
import { type RetentionOptions, RetentionTimer } from './retention.js';

/** A report of a recovery that did nothing. */
export const EMPTY_RECOVERY: Readonly<RecoveryReport> = Object.freeze({
  failed: [],
  resumed: [],
  skipped: [],
});

/** The recovery options of a handler, or undefined when recovery does not run. */
export function resolveRecovery(
  option: RecoveryMode | RecoveryOptions | undefined,
  ownsStore: boolean,
): RecoveryOptions | undefined {
  // A store the handler created itself is new and empty: there is nothing to recover.
  if (ownsStore) return undefined;
  const options = typeof option === 'string' ? { mode: option } : (option ?? {});
  return options.mode === 'none' ? undefined : options;
}

/**
 * Runs start-up recovery for a handler: submitted or working tasks are failed, or with
 * `mode: 'resume'` handed to the executor's `resume` (when it has one) as a run of their own.
 */
export function runStartupRecovery(
  core: ServerCore,
  registry: RuntimeRegistry,
  options: RecoveryOptions,
  includeOwn = true,
): Promise<RecoveryReport> {
  const resume =
    options.mode === 'resume' && core.executor.resume
      ? (stored: StoredTask) => {
          startResumedRun(core, registry, stored);
          return true;
        }
      : undefined;
  return recoverUnfinishedTasks(core.store, {
    message: options.message,
    filter: options.filter,
    batchSize: options.batchSize,
    resume,
    maxHistory: core.limits.maxHistoryPerTask,
    newId: core.newId,
    logger: core.logger,
    onFailed: (record) => core.notifyPush(record.taskId, record.event),
    includeOwn,
  });
}

/** Starts `executor.resume` for a stored task, as its owner, with its latest user message. */
function startResumedRun(core: ServerCore, registry: RuntimeRegistry, stored: StoredTask): void {
  const { task } = stored;
  const contextId = task.contextId ?? task.id;
  const history = task.history ?? [];
  const latest: Message = [...history].reverse().find((m) => m.role === 'ROLE_USER') ?? {
    messageId: core.newId(),
    role: 'ROLE_USER',
    parts: [{ text: '' }],
  };
  const message: Message = { ...latest, taskId: task.id, contextId };
  const run = new Run({
    taskId: task.id,
    contextId,
    message,
    params: { message },
    caller: { id: stored.owner },
    tenant: stored.tenant,
    extensions: [],
    existing: task,
    resumed: true,
  });
  const runtime = registry.obtain({
    taskId: task.id,
    contextId,
    ownership: { tenant: stored.tenant, owner: stored.owner },
    state: task.status.state,
  });
  runtime.submit(run);
}

/** What a handler runs around its start and stop: recovery first, then the retention timer. */
export interface StartUpOptions {
  recovery: RecoveryMode | RecoveryOptions | undefined;
  retention: RetentionOptions | undefined;
  ownsStore: boolean;
}

/**
 * A handler's start-up work: recovery (task operations wait for it) and the retention timer
 * (started after recovery, stopped by `stop()`).
 */
export class StartUp {
  /** Resolves with the recovery report; rejects when recovery failed. */
  readonly ready: Promise<RecoveryReport>;
  readonly #retention: RetentionTimer | undefined;
  readonly #sweep: RecoverySweep | undefined;
  #pending: Promise<void> | undefined;
  /** Set by {@link stop}: nothing more runs on request. */
  #stopped = false;

  constructor(core: ServerCore, registry: RuntimeRegistry, options: StartUpOptions) {
    const { logger } = core;
    const retention = options.retention
      ? new RetentionTimer(core.store.tasks, options.retention, logger)
      : undefined;
    this.#retention = retention;
    const recovery = resolveRecovery(options.recovery, options.ownsStore);
    if (!recovery) {
      this.ready = Promise.resolve(EMPTY_RECOVERY);
      retention?.start();
      return;
    }
    const { leases } = core.store;
    // With leases, the tasks of instances that die later are taken over while this one runs.
    const sweep = leases
      ? new RecoverySweep(leases, () => runStartupRecovery(core, registry, recovery, false), logger)
      : undefined;
    this.#sweep = sweep;
    this.ready = Promise.resolve().then(() => runStartupRecovery(core, registry, recovery));
    this.#pending = this.ready
      .then(
        (report) => {
          if (report.failed.length + report.resumed.length === 0) return;
          logger.info('start-up recovery', {
            failed: report.failed.length,
            resumed: report.resumed.length,
          });
        },
        (error: unknown) => {
          logger.error('start-up recovery failed', { error: errorMessage(error) });
        },
      )
      .finally(() => {
        this.#pending = undefined;
        retention?.start();
        sweep?.start();
      });
  }

  /** Runs an operation once recovery is over (at once when it is). */
  after<T>(operation: () => Promise<T>): Promise<T> {
    const pending = this.#pending;
    return pending ? pending.then(operation) : operation();
  }

  /** Purges expired tasks now (0 without retention, or once stopped). */
  purgeExpired(): Promise<number> {
    if (this.#stopped) return Promise.resolve(0);
    return this.#retention?.purge() ?? Promise.resolve(0);
  }

  /**
   * Looks for tasks of instances that are gone now (resolves at once without leases, or once
   * stopped: the store may be closed, and a handler that stopped takes over nothing).
   */
  sweepOrphans(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return this.#sweep?.sweep() ?? Promise.resolve();
  }

  /** Waits for recovery, then stops the retention timer and the sweeps. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#pending;
    await this.#sweep?.stop();
    await this.#retention?.stop();
  }
}
