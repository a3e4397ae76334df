import {
  InvalidAgentResponseError,
  isTerminalState,
  type JsonObject,
  MessageSchema,
  nowTimestamp,
  parseProtocol,
  type StreamResponse,
  TASK_STATES,
  type TaskState,
} from '@baton/protocol';

import {
  type ArtifactChunkOptions,
  type ArtifactInput,
  type MessageInput,
  type TaskEvents,
} from '../agent-executor.js';
import { checkEventContent } from '../event-validation.js';
import { errorMessage } from '../logger.js';
import { toAgentMessage } from '../message-input.js';
import { withMembers } from '../with-members.js';
import { type ServerCore } from './core.js';
import { type Run } from './run.js';
import { type TaskWriter } from './task-writer.js';

const toVoid = (): void => undefined;

/** Every task state's name: a bare status event with one of them is valid as built. */
const KNOWN_STATES: ReadonlySet<string> = new Set(TASK_STATES);

/**
 * The `events` object handed to an executor: builds A2A events from its calls, validates them and
 * writes them through the task's queue in call order. Every failure is a rejected promise.
 */
export class RunEvents implements TaskEvents {
  readonly #core: ServerCore;
  readonly #run: Run;
  readonly #writer: TaskWriter;
  /** Set when the execution ended: later writes are refused. */
  #closedReason: string | undefined;

  constructor(core: ServerCore, run: Run, writer: TaskWriter) {
    this.#core = core;
    this.#run = run;
    this.#writer = writer;
  }

  get taskId(): string {
    return this.#run.taskId;
  }

  get contextId(): string {
    return this.#run.contextId;
  }

  get finished(): boolean {
    const state = this.#writer.state;
    return this.#run.replied || (state !== undefined && isTerminalState(state));
  }

  /** Refuses every later write with `reason`. */
  close(reason: string): void {
    this.#closedReason ??= reason;
  }

  reply(input: MessageInput): Promise<void> {
    return this.#handled(this.#reply(input));
  }

  setStatus(state: TaskState, message?: MessageInput, metadata?: JsonObject): Promise<void> {
    // Handled already: the task's write queue observes every write it runs.
    return this.#setStatus(state, message, metadata);
  }

  addArtifact(artifact: ArtifactInput, options: ArtifactChunkOptions = {}): Promise<string> {
    return this.#handled(this.#addArtifact(artifact, options));
  }

  addMessage(message: MessageInput): Promise<void> {
    return this.#addMessage(message);
  }

  #addMessage(message: MessageInput): Promise<void> {
    let event: StreamResponse;
    try {
      event = { message: this.#message(message) };
    } catch (error) {
      return this.#rejected(error);
    }
    return this.#write(event);
  }

  async #reply(input: MessageInput): Promise<void> {
    const message = toAgentMessage(input, { contextId: this.contextId, newId: this.#core.newId });
    const checked = parseProtocol(MessageSchema, message);
    if (!checked.success) {
      const fields = checked.violations.map((v) => `${v.field}: ${v.description}`).join('; ');
      throw new InvalidAgentResponseError(`Invalid reply: ${fields}`);
    }
    return this.#writer.enqueue(async () => {
      this.#checkOpen();
      if (this.#run.replied) throw this.#refuse('The executor already sent a direct reply');
      if (this.#writer.created) {
        throw this.#refuse(
          this.#run.taskBefore
            ? 'A direct reply is only possible for a new task; this message continues a task'
            : 'A direct reply is only possible before any task event',
        );
      }
      this.#run.replied = true;
      await this.#writer.recordMessage(message);
      this.#run.outcome.resolve({ kind: 'message', message });
    });
  }

  #setStatus(state: TaskState, message?: MessageInput, metadata?: JsonObject): Promise<void> {
    // A bare status (no message, no metadata) is all the server's own but for its state.
    const bare = message === undefined && metadata === undefined && KNOWN_STATES.has(state);
    let event: StreamResponse;
    try {
      const status = {
        state,
        timestamp: nowTimestamp(),
        ...(message !== undefined && { message: this.#message(message) }),
      };
      const statusUpdate = { taskId: this.taskId, contextId: this.contextId, status };
      event = { statusUpdate: metadata ? { ...statusUpdate, metadata } : statusUpdate };
    } catch (error) {
      return this.#rejected(error);
    }
    return this.#write(event, bare);
  }

  #addArtifact(artifact: ArtifactInput, options: ArtifactChunkOptions): Promise<string> {
    let artifactId: string;
    let event: StreamResponse;
    try {
      artifactId = artifact.artifactId || this.#core.newId();
      event = {
        artifactUpdate: {
          taskId: this.taskId,
          contextId: this.contextId,
          artifact: withMembers(artifact, { artifactId }),
          ...(options.append !== undefined && { append: options.append }),
          ...(options.lastChunk !== undefined && { lastChunk: options.lastChunk }),
          ...(options.metadata !== undefined && { metadata: options.metadata }),
        },
      };
    } catch (error) {
      return this.#rejected(error);
    }
    return this.#write(event).then(() => artifactId);
  }

  working(message?: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_WORKING', message);
  }

  complete(message?: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_COMPLETED', message);
  }

  fail(message?: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_FAILED', message);
  }

  reject(message?: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_REJECTED', message);
  }

  requireInput(message: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_INPUT_REQUIRED', message);
  }

  requireAuth(message: MessageInput): Promise<void> {
    return this.setStatus('TASK_STATE_AUTH_REQUIRED', message);
  }

  #message(input: MessageInput) {
    return toAgentMessage(input, {
      taskId: this.taskId,
      contextId: this.contextId,
      newId: this.#core.newId,
    });
  }

  /**
   * Checks and queues one event its caller built. A failure while building (the caller's) or
   * checking it is a rejected promise, as from an async function; written without one, and
   * without a closure per event, to spare their allocations. `trusted`: the event holds nothing
   * the executor gave but what was already checked, so its content is not validated again.
   */
  #write(event: StreamResponse, trusted = false): Promise<void> {
    try {
      if (!trusted) checkEventContent(event);
    } catch (error) {
      return this.#rejected(error);
    }
    return this.#writer.enqueueWith(this.#append, event);
  }

  /** A write that failed before it was queued: rejected with what was thrown, and handled. */
  #rejected(error: unknown): Promise<never> {
    // What was thrown, as an async function would reject with it.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return this.#handled(Promise.reject(error));
  }

  /** Appends a checked event, in its turn in the task's write queue. */
  readonly #append = (event: StreamResponse): Promise<void> => {
    this.#checkOpen();
    if (this.#run.replied) throw this.#refuse('No task events are allowed after a direct reply');
    return this.#writer.append(event, true).then(toVoid);
  };

  /**
   * Marks a write's promise as handled, so an executor that fires and forgets a refused write
   * gets a log line instead of an unhandled rejection that could end the process. Callers that
   * await still see the rejection.
   */
  #handled<T>(promise: Promise<T>): Promise<T> {
    promise.catch(this.#logRefused);
    return promise;
  }

  readonly #logRefused = (error: unknown): void => {
    this.#core.logger.debug('an executor write was refused', {
      taskId: this.taskId,
      error: errorMessage(error),
    });
  };

  #checkOpen(): void {
    if (this.#closedReason !== undefined) throw this.#refuse(this.#closedReason);
  }

  #refuse(why: string): InvalidAgentResponseError {
    return new InvalidAgentResponseError(why, { metadata: { taskId: this.taskId } });
  }
}
