import { type AgentCard } from '@baton/protocol';

import { type AgentExecutor } from './agent-executor.js';
import { type Caller } from './caller.js';
import { type RetentionOptions } from './handler/retention.js';
import { type ServerLimits } from './limits.js';
import { type Logger } from './logger.js';
import { type PushNotificationSenderOptions } from './push/push-notification-sender.js';
import { type RecoveryMode, type RecoveryOptions } from './recovery.js';
import { type OnUnfinished } from './runtime/core.js';
import { type BatonStore } from './store.js';

export { type OnUnfinished } from './runtime/core.js';

/** Push delivery settings: the sender's options (timeouts, retries, private URLs, fetch). */
export type RequestHandlerPushOptions = Omit<PushNotificationSenderOptions, 'logger'>;

/** Options of {@link createRequestHandler}. */
export interface RequestHandlerOptions {
  /**
   * The public agent card. Its `capabilities` gate streaming, push notifications and the extended
   * card; `capabilities.extensions[].required` lists extensions a client must activate;
   * `defaultInputModes` lists the media types accepted in message parts.
   */
  agentCard: AgentCard;
  /** The agent logic. */
  executor: AgentExecutor;
  /**
   * Where tasks, events, messages and push configs live. The handler closes a store it created
   * itself, never one it was given.
   * @default createInMemoryStore()
   */
  store?: BatonStore | undefined;
  /**
   * The card GetExtendedAgentCard returns to an authenticated caller, or a function of the caller.
   * @default none (GetExtendedAgentCard answers ExtendedAgentCardNotConfiguredError)
   */
  extendedAgentCard?: AgentCard | ((caller: Caller) => AgentCard | Promise<AgentCard>) | undefined;
  /** Bounds on what callers and agents control. @default DEFAULT_LIMITS */
  limits?: Partial<ServerLimits> | undefined;
  /** Push notification delivery. @default the sender's defaults; private URLs refused */
  push?: RequestHandlerPushOptions | undefined;
  /**
   * What happens when `execute` returns while the task is still submitted or working.
   * @default 'fail'
   */
  onUnfinished?: OnUnfinished | undefined;
  /**
   * How long CancelTask waits for `executor.cancel` before writing the canceled state itself.
   * @default 5000
   */
  cancelTimeoutMs?: number | undefined;
  /** Makes task, context, message and artifact ids. @default random UUIDs (version 4) */
  idGenerator?: (() => string) | undefined;
  /** Where executor failures and push problems are reported. @default consoleLogger */
  logger?: Logger | undefined;
  /**
   * Start-up recovery: what happens, before the handler serves anything, to tasks that a previous
   * process left submitted or working (it crashed or was killed). `'fail'` marks them failed with
   * the agent status message "The server restarted while this task was running."; `'resume'`
   * hands them to `executor.resume`; `'none'` leaves them. With a store that has instance leases
   * (PostgreSQL: several instances on one database), only tasks whose instance is gone are
   * touched, at start-up and then every half lease while the handler runs. Interrupted tasks
   * (input-required, auth-required) are always left alone. Not run for a store the handler
   * created itself. `handler.ready` resolves when the start-up pass is done.
   * @default 'fail'
   */
  recovery?: RecoveryMode | RecoveryOptions | undefined;
  /**
   * Deletes terminal tasks older than `maxAgeMs` (with their events, messages and push configs)
   * every `intervalMs`, on an unref'd timer that `close()` clears.
   * @default none: tasks are kept forever
   */
  retention?: RetentionOptions | undefined;
}

/** Options of `handler.close()`. */
export interface CloseOptions {
  /**
   * How long running executors get to finish after their signal aborted; the tasks of those
   * that do not are failed with "server shut down".
   * @default 5000
   */
  graceMs?: number | undefined;
}
