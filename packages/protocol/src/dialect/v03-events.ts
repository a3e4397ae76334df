import { z } from 'zod';

import { requiredString, struct } from '../proto-json.js';
import {
  type StreamResponse,
  type TaskArtifactUpdateEvent,
  type TaskStatusUpdateEvent,
} from '../stream-response.js';
import { isTerminalState } from '../task-state.js';
import { parseProtocol, type ParseResult } from '../validation.js';
import { compact, fillEventKind, withKind } from './v03-common.js';
import {
  Artifact03Schema,
  artifactFrom03,
  artifactTo03,
  type Message03,
  Message03Object,
  messageFrom03,
  messageTo03,
} from './v03-message.js';
import {
  type Task03,
  Task03Object,
  taskFrom03,
  TaskStatus03Schema,
  taskStatusFrom03,
  taskStatusTo03,
  taskTo03,
} from './v03-task.js';

/** The 0.3 TaskStatusUpdateEvent with its `kind` required; used inside discriminated unions. */
export const TaskStatusUpdateEvent03Object = z.object({
  kind: z.literal('status-update'),
  taskId: requiredString,
  contextId: z.string(),
  status: TaskStatus03Schema,
  final: z.boolean(),
  metadata: struct.optional(),
});
/** A change of a task's status in 0.3 JSON; `final` ends the stream (spec 0.3 §7.2.2). */
export const TaskStatusUpdateEvent03Schema = withKind(
  'status-update',
  TaskStatusUpdateEvent03Object,
);
/** A change of a task's status in 0.3 JSON (spec 0.3 §7.2.2 TaskStatusUpdateEvent). */
export type TaskStatusUpdateEvent03 = z.infer<typeof TaskStatusUpdateEvent03Object>;

/** The 0.3 TaskArtifactUpdateEvent with its `kind` required; used inside discriminated unions. */
export const TaskArtifactUpdateEvent03Object = z.object({
  kind: z.literal('artifact-update'),
  taskId: requiredString,
  contextId: z.string(),
  artifact: Artifact03Schema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: struct.optional(),
});
/** A new or updated artifact in 0.3 JSON (spec 0.3 §7.2.3 TaskArtifactUpdateEvent). */
export const TaskArtifactUpdateEvent03Schema = withKind(
  'artifact-update',
  TaskArtifactUpdateEvent03Object,
);
/** A new or updated artifact in 0.3 JSON (spec 0.3 §7.2.3 TaskArtifactUpdateEvent). */
export type TaskArtifactUpdateEvent03 = z.infer<typeof TaskArtifactUpdateEvent03Object>;

/**
 * The `result` of one 0.3 stream event: a bare Task, Message, TaskStatusUpdateEvent or
 * TaskArtifactUpdateEvent told apart by `kind` (spec 0.3 §7.2.1). Without `kind` the members
 * decide (see `inferEventKind`).
 */
export const StreamEvent03Schema = z.preprocess(
  fillEventKind,
  z.discriminatedUnion('kind', [
    Task03Object,
    Message03Object,
    TaskStatusUpdateEvent03Object,
    TaskArtifactUpdateEvent03Object,
  ]),
);
/** The `result` of one 0.3 stream event (spec 0.3 §7.2.1 SendStreamingMessageSuccessResponse). */
export type StreamEvent03 =
  Task03 | Message03 | TaskStatusUpdateEvent03 | TaskArtifactUpdateEvent03;

/** A 1.0 status update as 0.3 JSON; 1.0 has no `final`, so the caller supplies it. */
export function statusUpdateTo03(
  event: TaskStatusUpdateEvent,
  final: boolean,
): TaskStatusUpdateEvent03 {
  // Built without `compact`'s copy: the 0.3 stream encodes every status update through here.
  const out: TaskStatusUpdateEvent03 = {
    kind: 'status-update',
    taskId: event.taskId,
    contextId: event.contextId,
    status: taskStatusTo03(event.status),
    final,
  };
  if (event.metadata !== undefined) out.metadata = event.metadata;
  return out;
}

/** A 0.3 status update as 1.0; `final` is dropped (the stream's close carries it in 1.0). */
export function statusUpdateFrom03(event: TaskStatusUpdateEvent03): TaskStatusUpdateEvent {
  return compact<TaskStatusUpdateEvent>({
    taskId: event.taskId,
    contextId: event.contextId,
    status: taskStatusFrom03(event.status),
    metadata: event.metadata,
  });
}

/** A 1.0 artifact update as 0.3 JSON with `kind: 'artifact-update'`. */
export function artifactUpdateTo03(event: TaskArtifactUpdateEvent): TaskArtifactUpdateEvent03 {
  const out: TaskArtifactUpdateEvent03 = {
    kind: 'artifact-update',
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: artifactTo03(event.artifact),
  };
  if (event.append !== undefined) out.append = event.append;
  if (event.lastChunk !== undefined) out.lastChunk = event.lastChunk;
  if (event.metadata !== undefined) out.metadata = event.metadata;
  return out;
}

/** A 0.3 artifact update as 1.0. */
export function artifactUpdateFrom03(event: TaskArtifactUpdateEvent03): TaskArtifactUpdateEvent {
  return compact<TaskArtifactUpdateEvent>({
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: artifactFrom03(event.artifact),
    append: event.append,
    lastChunk: event.lastChunk,
    metadata: event.metadata,
  });
}

/**
 * The `final` flag 0.3 would put on this event when the caller cannot know whether more follow:
 * true for a status update in a terminal or input-required state (0.3 practice: the server closes
 * the stream there), false otherwise; auth-required streams may stay open (A2A.md §6).
 */
export function deriveFinal03(event: StreamResponse): boolean {
  if (event.statusUpdate === undefined) return false;
  const state = event.statusUpdate.status.state;
  return isTerminalState(state) || state === 'TASK_STATE_INPUT_REQUIRED';
}

/**
 * One 1.0 stream item as the bare 0.3 stream `result` with `kind` (spec 0.3 §7.2.1). `final` is
 * written on a status update only, the one 0.3 event that carries it.
 * @example
 * for await (const event of handler.sendStreamingMessage(params, { signal })) {
 *   send({ jsonrpc: '2.0', id, result: encodeStreamEvent03(event, isLast(event)) });
 * }
 */
export function encodeStreamEvent03(event: StreamResponse, final: boolean): StreamEvent03 {
  if (event.task !== undefined) return taskTo03(event.task);
  if (event.message !== undefined) return messageTo03(event.message);
  if (event.statusUpdate !== undefined) return statusUpdateTo03(event.statusUpdate, final);
  return artifactUpdateTo03(event.artifactUpdate);
}

/** A parsed 0.3 stream event as a 1.0 StreamResponse (no validation; see decodeStreamEvent03). */
export function streamEventFrom03(event: StreamEvent03): StreamResponse {
  switch (event.kind) {
    case 'task':
      return { task: taskFrom03(event) };
    case 'message':
      return { message: messageFrom03(event) };
    case 'status-update':
      return { statusUpdate: statusUpdateFrom03(event) };
    case 'artifact-update':
      return { artifactUpdate: artifactUpdateFrom03(event) };
  }
}

/**
 * Validates one 0.3 stream `result` and converts it to a 1.0 StreamResponse. `final` is the status
 * update's own flag; a Message is always final (a 0.3 stream that answers with a Message carries
 * nothing else); a Task or artifact update is not.
 */
export function decodeStreamEvent03(
  raw: unknown,
): ParseResult<{ event: StreamResponse; final: boolean }> {
  const parsed = parseProtocol(StreamEvent03Schema, raw);
  if (!parsed.success) return parsed;
  const event03 = parsed.data;
  const final = event03.kind === 'status-update' ? event03.final : event03.kind === 'message';
  return { success: true, data: { event: streamEventFrom03(event03), final } };
}
