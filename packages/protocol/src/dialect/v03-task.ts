import { z } from 'zod';

import { requiredString, struct } from '../proto-json.js';
import { type Task, type TaskStatus } from '../task.js';
import { compact, mapOptional, timestamp03, timestampFrom03, withKind } from './v03-common.js';
import { TaskState03Schema, taskStateFrom03, taskStateTo03 } from './v03-enums.js';
import {
  Artifact03Schema,
  artifactFrom03,
  artifactTo03,
  Message03Schema,
  messageFrom03,
  messageTo03,
} from './v03-message.js';

/** The state of a task at one moment, in 0.3 JSON (spec 0.3 §6.2 TaskStatus). */
export const TaskStatus03Schema = z.object({
  state: TaskState03Schema,
  message: Message03Schema.optional(),
  timestamp: timestamp03.optional(),
});
/** The state of a task at one moment, in 0.3 JSON (spec 0.3 §6.2 TaskStatus). */
export type TaskStatus03 = z.infer<typeof TaskStatus03Schema>;

/** The 0.3 Task object with its `kind` required; used inside discriminated unions. */
export const Task03Object = z.object({
  kind: z.literal('task'),
  id: requiredString,
  contextId: z.string(),
  status: TaskStatus03Schema,
  history: z.array(Message03Schema).optional(),
  artifacts: z.array(Artifact03Schema).optional(),
  metadata: struct.optional(),
});

/** A unit of work in 0.3 JSON (spec 0.3 §6.1 Task); a missing `kind` is accepted. */
export const Task03Schema = withKind('task', Task03Object);
/** A unit of work in 0.3 JSON (spec 0.3 §6.1 Task). */
export type Task03 = z.infer<typeof Task03Object>;

/** A 1.0 task status as 0.3 JSON: lower-case state, 0.3 status message. */
export function taskStatusTo03(status: TaskStatus): TaskStatus03 {
  // Optional members added only when set, without `compact`'s copy (one per 0.3 stream event).
  const out: TaskStatus03 = { state: taskStateTo03(status.state) };
  if (status.message !== undefined) out.message = messageTo03(status.message);
  if (status.timestamp !== undefined) out.timestamp = status.timestamp;
  return out;
}

/** A 0.3 task status as 1.0; a timestamp without a zone is read as UTC. */
export function taskStatusFrom03(status: TaskStatus03): TaskStatus {
  return compact<TaskStatus>({
    state: taskStateFrom03(status.state),
    message: status.message === undefined ? undefined : messageFrom03(status.message),
    timestamp: status.timestamp === undefined ? undefined : timestampFrom03(status.timestamp),
  });
}

/**
 * A 1.0 task as 0.3 JSON with `kind: 'task'`. 0.3 requires `contextId`: an absent one is sent
 * as `""` (the proto3 default, which is what an unset 1.0 string field means).
 */
export function taskTo03(task: Task): Task03 {
  const out: Task03 = {
    kind: 'task',
    id: task.id,
    contextId: task.contextId ?? '',
    status: taskStatusTo03(task.status),
  };
  if (task.history !== undefined) out.history = task.history.map(messageTo03);
  if (task.artifacts !== undefined) out.artifacts = task.artifacts.map(artifactTo03);
  if (task.metadata !== undefined) out.metadata = task.metadata;
  return out;
}

/** A 0.3 task as 1.0; a `""` contextId becomes absent (see {@link taskTo03}). */
export function taskFrom03(task: Task03): Task {
  return compact<Task>({
    id: task.id,
    contextId: task.contextId === '' ? undefined : task.contextId,
    status: taskStatusFrom03(task.status),
    artifacts: mapOptional(task.artifacts, artifactFrom03),
    history: mapOptional(task.history, messageFrom03),
    metadata: task.metadata,
  });
}
