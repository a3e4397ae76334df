import {
  type Artifact,
  type JsonObject,
  type Message,
  type StreamResponse,
  type Task,
  type TaskState,
} from '@baton/protocol';

/** The ids an event needs from its task. */
export type TaskRef = Pick<Task, 'id' | 'contextId'>;

/** A fresh id that no other test uses, with a readable prefix: `task-1f0c…`. */
export function uniqueId(prefix = 'id'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/**
 * A valid task: fresh id and contextId, submitted now, no history or artifacts.
 * @example
 * const task = makeTask({ status: { state: 'TASK_STATE_WORKING' } });
 */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: uniqueId('task'),
    contextId: uniqueId('ctx'),
    status: { state: 'TASK_STATE_SUBMITTED', timestamp: new Date().toISOString() },
    ...overrides,
  };
}

/**
 * A valid user message with one text part and a fresh messageId.
 * @example
 * const message = makeMessage('hello', { role: 'ROLE_AGENT', taskId: task.id });
 */
export function makeMessage(text: string, overrides: Partial<Message> = {}): Message {
  return { messageId: uniqueId('msg'), role: 'ROLE_USER', parts: [{ text }], ...overrides };
}

/** Options of {@link statusEvent}. */
export interface StatusEventOptions {
  /** The status message. */
  message?: Message | undefined;
  /** @default now */
  timestamp?: string | undefined;
  metadata?: JsonObject | undefined;
}

/**
 * A `statusUpdate` stream response moving `task` to `state`.
 * @example
 * await store.events.append(task.id, statusEvent(task, 'TASK_STATE_COMPLETED'), reducer);
 */
export function statusEvent(
  task: TaskRef,
  state: TaskState,
  options: StatusEventOptions = {},
): StreamResponse {
  const status = {
    state,
    timestamp: options.timestamp ?? new Date().toISOString(),
    ...(options.message && { message: options.message }),
  };
  return {
    statusUpdate: {
      taskId: task.id,
      contextId: task.contextId ?? '',
      status,
      ...(options.metadata && { metadata: options.metadata }),
    },
  };
}

/** Chunking flags of {@link artifactEvent}. */
export interface ArtifactChunk {
  append?: boolean | undefined;
  lastChunk?: boolean | undefined;
}

/**
 * An `artifactUpdate` stream response. A string is shorthand for an artifact with one text part;
 * a missing `artifactId` gets a fresh one.
 * @example
 * artifactEvent(task, 'result text');
 * artifactEvent(task, { artifactId: 'a1', parts: [{ text: 'more' }] }, { append: true });
 */
export function artifactEvent(
  task: TaskRef,
  artifact: string | (Omit<Artifact, 'artifactId'> & { artifactId?: string | undefined }),
  chunk: ArtifactChunk = {},
): StreamResponse {
  const input = typeof artifact === 'string' ? { parts: [{ text: artifact }] } : artifact;
  return {
    artifactUpdate: {
      taskId: task.id,
      contextId: task.contextId ?? '',
      artifact: { ...input, artifactId: input.artifactId ?? uniqueId('artifact') },
      ...chunk,
    },
  };
}

/** A `message` stream response: the message is appended to the task's history. */
export function messageEvent(message: Message): StreamResponse {
  return { message };
}
