import {
  type AgentCard,
  type CancelTaskRequest,
  type CreateTaskPushNotificationConfigRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type Empty,
  type GetExtendedAgentCardRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksResponse,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
  UnsupportedOperationError,
} from '@baton/protocol';

import { type AgentExecutor } from '../agent-executor.js';
import { createInMemoryStore } from '../in-memory/create-in-memory-store.js';
import { resolveLimits } from '../limits.js';
import { consoleLogger } from '../logger.js';
import { type CloseOptions, type RequestHandlerOptions } from '../options.js';
import { PushConfigAdmission } from '../push/push-config-admission.js';
import { PushNotificationSender } from '../push/push-notification-sender.js';
import { randomId } from '../random-id.js';
import { type RecoveryReport } from '../recovery.js';
import { type A2ARequestHandler, type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { delay } from '../runtime/deferred.js';
import { RuntimeRegistry } from '../runtime/runtime-registry.js';
import { type BatonStore } from '../store.js';
import { endsStream } from '../stream/settles.js';
import { type SearchableListTasksRequest, withTaskSearchExtension } from '../task-search.js';
import { getExtendedAgentCard } from './extended-card.js';
import { requireStreaming } from './gates.js';
import { acceptMessage, type IntakeHost } from './intake.js';
import {
  createPushConfig,
  deletePushConfig,
  getPushConfig,
  listPushConfigs,
  type PushConfigHost,
} from './push-config-operations.js';
import { PushNotifier } from './push-notifier.js';
import { prepareRunStream, sendResult } from './send-results.js';
import { ShutdownHooks } from './shutdown-hooks.js';
import { StartUp } from './start-up.js';
import { StreamRegistry } from './stream-registry.js';
import { subscribeToTask } from './subscribe.js';
import { cancelTask, getTask, listTasks } from './task-operations.js';

/** Counters of what a handler holds right now, for tests and health checks. */
export interface RequestHandlerStats {
  /** Tasks with an executor running or messages queued on this instance. */
  activeTasks: number;
  /** Executor runs executing or queued. */
  runs: number;
  /** Open streams (SendStreamingMessage and SubscribeToTask). */
  streams: number;
  /** Push deliveries in flight. */
  pushDeliveries: number;
}

/**
 * The request handler behind {@link createRequestHandler}: every A2A operation on canonical 1.0
 * params, with the task lifecycle, streams, push delivery and graceful shutdown.
 */
export class DefaultRequestHandler implements A2ARequestHandler, IntakeHost, PushConfigHost {
  readonly agentCard: AgentCard;
  readonly core: ServerCore;
  readonly registry: RuntimeRegistry;
  readonly allowPrivateUrls: boolean;
  /**
   * Resolves when start-up recovery is done, with what it did (at once when it does not run);
   * rejects when it failed (operations then go ahead anyway). Every task operation waits for it.
   */
  readonly ready: Promise<RecoveryReport>;
  readonly #options: RequestHandlerOptions;
  readonly #streams: StreamRegistry;
  readonly #push: PushNotifier;
  readonly #ownsStore: boolean;
  readonly #shutdown = new ShutdownHooks();
  readonly #startUp: StartUp;
  #closing = false;
  #closed: Promise<void> | undefined;

  constructor(options: RequestHandlerOptions) {
    this.#options = options;
    const store: BatonStore = options.store ?? createInMemoryStore();
    this.agentCard = withTaskSearchExtension(options.agentCard, store.tasks.supportsTextSearch);
    this.#ownsStore = options.store === undefined;
    const limits = resolveLimits(options.limits);
    const logger = options.logger ?? consoleLogger;
    const newId = options.idGenerator ?? randomId;
    this.allowPrivateUrls = options.push?.allowPrivateUrls ?? false;
    this.#push = new PushNotifier(
      store.pushConfigs,
      new PushNotificationSender({ ...options.push, logger }),
      logger,
      options.agentCard.capabilities.pushNotifications === true,
    );
    const push = this.#push;
    const admission = new PushConfigAdmission(store.pushConfigs, limits.maxPushConfigsPerTask);
    this.core = {
      agentCard: this.agentCard,
      executor: options.executor satisfies AgentExecutor,
      store,
      limits,
      logger,
      onUnfinished: options.onUnfinished ?? 'fail',
      cancelTimeoutMs: options.cancelTimeoutMs ?? 5000,
      newId: () => newId(),
      putPushConfig: (config) => admission.put(config),
      notifyPush: (taskId, event) => push.notify(taskId, event),
    };
    this.registry = new RuntimeRegistry(this.core);
    this.#streams = new StreamRegistry(limits.maxStreamsPerTask);
    this.#startUp = new StartUp(this.core, this.registry, {
      recovery: options.recovery,
      retention: options.retention,
      ownsStore: this.#ownsStore,
    });
    this.ready = this.#startUp.ready;
  }

  /**
   * Deletes terminal tasks older than `retention.maxAgeMs` now, as the retention timer does;
   * resolves with how many were deleted (0 without a `retention` option, or once closing).
   */
  purgeExpiredTasks(): Promise<number> {
    return this.#startUp.purgeExpired();
  }

  /**
   * With a store that has instance leases (`store.leases`, PostgreSQL): applies the recovery rule
   * now to tasks whose instance is gone, as the handler does every half lease period. Resolves at
   * once, doing nothing, without leases, with `recovery: 'none'`, or once closing.
   */
  recoverOrphanedTasks(): Promise<void> {
    return this.#startUp.sweepOrphans();
  }

  /** Whether shutdown has begun. */
  get closing(): boolean {
    return this.#closing;
  }

  /** What the handler holds right now. */
  get stats(): RequestHandlerStats {
    return {
      activeTasks: this.registry.size,
      runs: this.registry.runs().length,
      streams: this.#streams.count(),
      pushDeliveries: this.#push.pending,
    };
  }

  sendMessage(params: SendMessageRequest, context: CallContext = {}): Promise<SendMessageResponse> {
    return this.#startUp.after(async () => {
      const intake = await acceptMessage(this, params, context);
      return sendResult(this.core, intake, params, context, this.#shutdown);
    });
  }

  sendStreamingMessage(
    params: SendMessageRequest,
    context: CallContext = {},
  ): Promise<AsyncIterable<StreamResponse>> {
    return this.#startUp.after(() => this.#sendStreamingMessage(params, context));
  }

  async #sendStreamingMessage(
    params: SendMessageRequest,
    context: CallContext,
  ): Promise<AsyncIterable<StreamResponse>> {
    requireStreaming(this.agentCard);
    const taskId = params.message?.taskId;
    if (taskId) this.#streams.checkRoom(taskId);
    const { run } = await acceptMessage(this, params, context);
    const historyLength = params.configuration?.historyLength;
    return this.#streams.open(run.taskId, {
      prepare: () => prepareRunStream(this.core, run, historyLength),
      closeAfter: endsStream,
      context,
    });
  }

  getTask(params: GetTaskRequest, context: CallContext = {}): Promise<Task> {
    return this.#startUp.after(() => getTask(this.core, params, context));
  }

  listTasks(
    params: SearchableListTasksRequest,
    context: CallContext = {},
  ): Promise<ListTasksResponse> {
    return this.#startUp.after(() => listTasks(this.core, params, context));
  }

  cancelTask(params: CancelTaskRequest, context: CallContext = {}): Promise<Task> {
    return this.#startUp.after(() => cancelTask(this.core, this.registry, params, context));
  }

  subscribeToTask(
    params: SubscribeToTaskRequest,
    context: CallContext = {},
  ): Promise<AsyncIterable<StreamResponse>> {
    return this.#startUp.after(async () => {
      if (this.#closing) throw new UnsupportedOperationError('The server is shutting down');
      return subscribeToTask(this.core, this.#streams, params, context);
    });
  }

  createTaskPushNotificationConfig(
    params: CreateTaskPushNotificationConfigRequest,
    context: CallContext = {},
  ): Promise<TaskPushNotificationConfig> {
    return createPushConfig(this, params, context);
  }

  getTaskPushNotificationConfig(
    params: GetTaskPushNotificationConfigRequest,
    context: CallContext = {},
  ): Promise<TaskPushNotificationConfig> {
    return getPushConfig(this, params, context);
  }

  listTaskPushNotificationConfigs(
    params: ListTaskPushNotificationConfigsRequest,
    context: CallContext = {},
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    return listPushConfigs(this, params, context);
  }

  deleteTaskPushNotificationConfig(
    params: DeleteTaskPushNotificationConfigRequest,
    context: CallContext = {},
  ): Promise<Empty> {
    return deletePushConfig(this, params, context);
  }

  getExtendedAgentCard(
    _params: GetExtendedAgentCardRequest = {},
    context: CallContext = {},
  ): Promise<AgentCard> {
    return getExtendedAgentCard(this.agentCard, this.#options.extendedAgentCard, context);
  }

  /**
   * Shuts down gracefully: new messages are refused, running executors' signals abort, executors
   * that do not finish within `graceMs` have their tasks failed ("server shut down"), queued
   * messages are dropped, open streams end, push deliveries get `graceMs` to finish, and a store
   * the handler created itself is closed. Calling it again returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closed ??= this.#close(options.graceMs ?? 5000);
    return this.#closed;
  }

  async #close(graceMs: number): Promise<void> {
    this.#closing = true;
    await this.#startUp.stop();
    const dropped = new UnsupportedOperationError('The server shut down before this message ran');
    for (const runtime of this.registry.runtimes()) {
      runtime.dropQueued(dropped);
      runtime.requestShutdown();
    }
    const runs = this.registry.runs();
    const timer = new AbortController();
    await Promise.race([
      Promise.all(runs.map((run) => run.done.promise)),
      delay(graceMs, timer.signal),
    ]);
    timer.abort();
    for (const run of this.registry.runs()) run.abandon();
    await Promise.all(runs.map((run) => run.done.promise));
    this.#shutdown.fire();
    this.#streams.closeAll();
    await this.#push.close(graceMs);
    if (this.#ownsStore) await this.core.store.close();
  }
}

/**
 * Creates the request handler of an agent: every A2A operation over your executor, a store (in
 * memory by default) and your agent card. Put it on the network with a transport
 * (`@baton/transport-http`), or call it through `createJsonRpcDispatcher`.
 * @example
 * const handler = createRequestHandler({
 *   agentCard,
 *   executor: {
 *     async execute(context, events) {
 *       await events.addArtifact({ parts: [{ text: 'hello' }] });
 *       await events.complete();
 *     },
 *   },
 * });
 * const { task } = await handler.sendMessage({ message });
 */
export function createRequestHandler(options: RequestHandlerOptions): DefaultRequestHandler {
  return new DefaultRequestHandler(options);
}

/**
 * Creates the request handler and waits for its start-up recovery (see the `recovery` option),
 * so that the host starts serving only once no task of a previous process is left working.
 * Rejects when recovery fails (the store is unreachable, for instance).
 * @example
 * const handler = await startRequestHandler({ agentCard, executor, store: createSqliteStore() });
 * await serveNode(createA2AHono(handler), { port: 4000 });
 */
export async function startRequestHandler(
  options: RequestHandlerOptions,
): Promise<DefaultRequestHandler> {
  const handler = new DefaultRequestHandler(options);
  try {
    await handler.ready;
  } catch (error) {
    await handler.close({ graceMs: 0 });
    throw error;
  }
  return handler;
}
