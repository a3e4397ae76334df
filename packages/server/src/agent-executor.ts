import {
  type Artifact,
  type JsonObject,
  type Message,
  type Part,
  type SendMessageRequest,
  type Task,
  type TaskState,
} from '@baton/protocol';

import { type Caller } from './caller.js';
import { type StoredMessage } from './message-store.js';

/** Everything an executor knows about the request it is serving. */
export interface RequestContext {
  /** The task this execution works on (already generated for a new task). */
  readonly taskId: string;
  readonly contextId: string;
  /** The incoming message, with `taskId` and `contextId` filled in. */
  readonly message: Message;
  /** The canonical (1.0) SendMessage params. */
  readonly params: SendMessageRequest;
  /** The task as it stood before this message, when the message continues one. */
  readonly task: Task | undefined;
  readonly caller: Caller;
  readonly tenant: string;
  /** Extensions the client activated that the agent declares. */
  readonly extensions: readonly string[];
  /** Fires when the task is canceled or the server shuts down: stop working soon. */
  readonly signal: AbortSignal;
  /** The earlier messages of this context (all its tasks and direct replies), oldest first. */
  history(options?: { limit?: number }): Promise<StoredMessage[]>;
}

/** A message an executor writes: plain text, parts, or a message without the ids. */
export type MessageInput =
  | string
  | Part[]
  | (Omit<Message, 'messageId' | 'role' | 'taskId' | 'contextId'> &
      Partial<Pick<Message, 'messageId' | 'role'>>);

/** An artifact an executor writes: its id is generated when absent. */
export type ArtifactInput = Omit<Artifact, 'artifactId'> & { artifactId?: string };

/** Chunking of an artifact update (spec §4.2.2). */
export interface ArtifactChunkOptions {
  /** Add these parts to the artifact already sent with the same id. */
  append?: boolean;
  /** No more chunks follow for this artifact. */
  lastChunk?: boolean;
  metadata?: JsonObject;
}

/**
 * What an executor writes to. Each call is validated, given the task's next sequence number,
 * stored, sent to every subscriber and to push webhooks, in call order. A call that breaks a rule
 * (after a terminal state, a second direct reply, malformed content) rejects with an A2A error
 * and changes nothing.
 */
export interface TaskEvents {
  readonly taskId: string;
  readonly contextId: string;
  /** Answers with a direct message and no task. Only before any task event. */
  reply(message: MessageInput): Promise<void>;
  /** Sets the task's state, with an optional status message from the agent. */
  setStatus(state: TaskState, message?: MessageInput, metadata?: JsonObject): Promise<void>;
  /** Adds an artifact, or one chunk of it. Returns the artifact id. */
  addArtifact(artifact: ArtifactInput, options?: ArtifactChunkOptions): Promise<string>;
  /** Appends a message to the task's history without changing its status. */
  addMessage(message: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_WORKING', message)`. */
  working(message?: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_COMPLETED', message)`. */
  complete(message?: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_FAILED', message)`. */
  fail(message?: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_REJECTED', message)`. */
  reject(message?: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_INPUT_REQUIRED', message)`: the client continues the task. */
  requireInput(message: MessageInput): Promise<void>;
  /** `setStatus('TASK_STATE_AUTH_REQUIRED', message)`: credentials arrive out of band. */
  requireAuth(message: MessageInput): Promise<void>;
  /** Whether the task reached a terminal state (or a direct reply was sent). */
  readonly finished: boolean;
}

/**
 * The agent logic, the only code a Baton user writes.
 * @example
 * const executor: AgentExecutor = {
 *   async execute(context, events) {
 *     await events.working();
 *     await events.addArtifact({ parts: [{ text: `echo: ${textOf(context.message)}` }] });
 *     await events.complete();
 *   },
 * };
 */
export interface AgentExecutor {
  /**
   * Works on one message. Throwing, or rejecting, fails the task with an error message. Returning
   * while the task is still submitted or working is handled by the server's `onUnfinished` rule.
   */
  execute(context: RequestContext, events: TaskEvents): Promise<void>;
  /**
   * Cancels the task's work. Optional: without it the server aborts `context.signal` and marks the
   * task canceled itself.
   */
  cancel?(context: RequestContext, events: TaskEvents): Promise<void>;
  /**
   * Continues a task that was submitted or working when the server last stopped, called once at
   * start-up with `recovery: 'resume'`. `context.message` is the task's latest user message and
   * `context.task` the task as stored; the end-of-run rules of `execute` apply. Optional: without
   * it, start-up recovery fails such tasks.
   */
  resume?(context: RequestContext, events: TaskEvents): Promise<void>;
}
