import {
  type Message,
  nowTimestamp,
  type StreamResponse,
  type Task,
  type TaskArtifactUpdateEvent,
  type TaskPushNotificationConfig,
  type TaskState,
} from '@baton/protocol';

import { type AppendResult, type TaskReducer } from '../event-log.js';
import { checkEventApplies } from '../event-validation.js';
import { jsonByteLength } from '../json-byte-length.js';
import { checkArtifactBounds } from '../limits.js';
import { errorMessage } from '../logger.js';
import { pureReducer } from '../pure-reducer.js';
import { applyTaskEvent } from '../task-reducer.js';
import { type TaskOwnership } from '../task-scope.js';
import { type ServerCore } from './core.js';

const invoke = <T>(op: () => Promise<T>): Promise<T> => op();

/** What a task needs before its first event creates it. */
export interface TaskCreation {
  /** The user message that started the task: the first entry of its history. */
  message: Message;
  /** An inline push config from SendMessage, stored with the task. */
  pushConfig?: TaskPushNotificationConfig | undefined;
  onCreated(): void;
}

/** Where a writer writes, and the task's state when it already exists. */
export interface TaskWriterInit {
  taskId: string;
  contextId: string;
  ownership: TaskOwnership;
  /** Absent for an existing task. */
  creation?: TaskCreation | undefined;
  state?: TaskState | undefined;
}

/**
 * The one path to a task's event log on this instance: a queue that applies writes strictly in
 * call order (even when an executor does not await), creates the task on its first event, and
 * after each stored event feeds webhooks and the conversation store.
 */
export class TaskWriter {
  readonly taskId: string;
  readonly contextId: string;
  readonly ownership: TaskOwnership;
  #core: ServerCore;
  #creation: TaskCreation | undefined;
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #state: TaskState | undefined;
  readonly #reduce: TaskReducer;
  /** JSON sizes of artifacts written through this writer, by artifact id (made on first use). */
  #artifactSizes: Map<string, number> | undefined;
  #pendingSize: [string, number] | undefined;
  /** The state the reducer computed in the last append (read instead of the stored copy). */
  #pendingState: TaskState | undefined;

  constructor(core: ServerCore, init: TaskWriterInit) {
    this.#core = core;
    this.taskId = init.taskId;
    this.contextId = init.contextId;
    this.ownership = init.ownership;
    this.#creation = init.creation;
    this.#state = init.creation ? undefined : init.state;
    const maxHistory = core.limits.maxHistoryPerTask;
    this.#reduce = pureReducer((current, event) => {
      checkEventApplies(current.task, event);
      const next = applyTaskEvent(current.task, event, { maxHistory });
      const update = event.artifactUpdate;
      if (update) this.#checkArtifact(next, update);
      this.#pendingState = next.status.state;
      return next;
    });
  }

  /**
   * Bounds the artifact an update produced. Sizes of appended chunks are added to the size known
   * from this writer's earlier writes, so streaming many chunks stays linear; an artifact seen
   * for the first time here is measured whole. The new size is kept once the append succeeds.
   */
  #checkArtifact(next: Task, update: TaskArtifactUpdateEvent): void {
    const { artifactId } = update.artifact;
    const artifact = next.artifacts?.find((a) => a.artifactId === artifactId);
    if (!artifact) return;
    const known = this.#artifactSizes?.get(artifactId);
    const merged = update.append === true && artifact !== update.artifact;
    const size =
      merged && known !== undefined
        ? known + jsonByteLength(update.artifact.parts)
        : jsonByteLength(artifact);
    checkArtifactBounds(artifact, this.#core.limits, size);
    this.#pendingSize = [artifactId, size];
  }

  /** Whether the task exists in the store. */
  get created(): boolean {
    return this.#creation === undefined;
  }

  /** The task's state after the last write through this writer (undefined before creation). */
  get state(): TaskState | undefined {
    return this.#state;
  }

  /** Whether no write is queued or running. */
  get idle(): boolean {
    return this.#pending === 0;
  }

  readonly #settled = (): void => {
    this.#pending--;
  };

  /**
   * A write that failed: its caller sees the rejection; the queue notes it, so that a write an
   * executor fired and forgot is a log line rather than an unhandled rejection.
   */
  readonly #failed = (error: unknown): void => {
    this.#pending--;
    this.#core.logger.debug('a task write was refused', {
      taskId: this.taskId,
      error: errorMessage(error),
    });
  };

  /**
   * Runs `op` after every write queued before it — at once when nothing is queued — and a
   * failing op does not stop the queue.
   */
  enqueue<T>(op: () => Promise<T>): Promise<T> {
    return this.enqueueWith(invoke, op);
  }

  /**
   * {@link enqueue} for `op(arg)`: a caller that keeps one `op` makes no closure per write (one
   * is made only when the write has to wait).
   */
  enqueueWith<A, T>(op: (arg: A) => Promise<T>, arg: A): Promise<T> {
    let result: Promise<T>;
    if (this.#pending++ === 0) {
      try {
        result = op(arg);
      } catch (error) {
        // What was thrown, as `then` would reject with it.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        result = Promise.reject(error);
      }
    } else {
      result = this.#chain.then(() => op(arg));
    }
    this.#chain = result.then(this.#settled, this.#failed);
    return result;
  }

  /** Creates the task if it does not exist yet. Call inside {@link enqueue}. */
  async ensureCreated(): Promise<void> {
    const creation = this.#creation;
    if (!creation) return;
    const task: Task = {
      id: this.taskId,
      contextId: this.contextId,
      status: { state: 'TASK_STATE_SUBMITTED', timestamp: nowTimestamp() },
      history: [creation.message],
    };
    const result = await this.#core.store.events.create(this.ownership, task);
    this.#creation = undefined;
    this.#state = task.status.state;
    if (creation.pushConfig) await this.#storePushConfig(creation.pushConfig);
    this.#notifyPush(result);
    creation.onCreated();
  }

  /**
   * Appends an event (creating the task first if needed). Call inside {@link enqueue}.
   * `conversation: true` also adds the event's message to the context's conversation.
   */
  async append(event: StreamResponse, conversation: boolean): Promise<AppendResult> {
    if (this.#creation) await this.ensureCreated();
    this.#pendingSize = undefined;
    this.#pendingState = undefined;
    const result = await this.#core.store.events.append(this.taskId, event, this.#reduce);
    // The reducer (called by the store) set them; the compiler cannot see that.
    const pending = this.#pendingSize as [string, number] | undefined;
    if (pending) (this.#artifactSizes ??= new Map()).set(pending[0], pending[1]);
    const state = this.#pendingState as TaskState | undefined;
    this.#state = state ?? result.task.task.status.state;
    if (!event.message) this.#notifyPush(result);
    const message = event.message ?? event.statusUpdate?.status.message;
    if (conversation && message) await this.recordMessage(message);
    return result;
  }

  /**
   * Sends a stored event to the task's webhooks. Without push in the card there are none, and the
   * record is not even read (a store may copy it only when it is).
   */
  #notifyPush(result: AppendResult): void {
    if (this.#core.agentCard.capabilities.pushNotifications !== true) return;
    this.#core.notifyPush(this.taskId, result.record.event);
  }

  /** Adds a message to the context's conversation; a failure is logged, not thrown. */
  async recordMessage(message: Message): Promise<number | undefined> {
    try {
      const stored = await this.#core.store.messages.append(
        this.ownership,
        this.contextId,
        message,
      );
      return stored.position;
    } catch (error) {
      this.#core.logger.error('could not store a conversation message', {
        contextId: this.contextId,
        messageId: message.messageId,
        error: errorMessage(error),
      });
      return undefined;
    }
  }

  async #storePushConfig(config: TaskPushNotificationConfig): Promise<void> {
    try {
      await this.#core.putPushConfig({
        ...config,
        taskId: this.taskId,
        id: config.id || this.#core.newId(),
      });
    } catch (error) {
      this.#core.logger.error('could not store the push config of a new task', {
        taskId: this.taskId,
        error: errorMessage(error),
      });
    }
  }
}
