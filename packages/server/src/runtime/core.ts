import { type AgentCard, type StreamResponse } from '@baton/protocol';

import { type AgentExecutor } from '../agent-executor.js';
import { type ServerLimits } from '../limits.js';
import { type Logger } from '../logger.js';
import { type StoredPushConfig } from '../push-config-store.js';
import { type BatonStore } from '../store.js';

/**
 * What to do when an executor returns while its task is still submitted or working:
 * `'fail'` marks the task failed with a status message saying so; `'input-required'` asks the
 * client for more input; `'keep'` leaves the task as it is and keeps the executor's `events`
 * writable, for agents that finish their work in the background.
 */
export type OnUnfinished = 'fail' | 'input-required' | 'keep';

/** The shared dependencies of the request handler's parts (internal). */
export interface ServerCore {
  readonly agentCard: AgentCard;
  readonly executor: AgentExecutor;
  readonly store: BatonStore;
  readonly limits: ServerLimits;
  readonly logger: Logger;
  readonly onUnfinished: OnUnfinished;
  readonly cancelTimeoutMs: number;
  readonly newId: () => string;
  /**
   * Stores a push config within `limits.maxPushConfigsPerTask` (see `PushConfigAdmission`): every
   * config a caller sends goes through here, never straight to the store.
   */
  putPushConfig(config: StoredPushConfig): Promise<StoredPushConfig>;
  /** Sends a task event to the task's webhooks, in the background; never throws. */
  notifyPush(taskId: string, event: StreamResponse): void;
}
