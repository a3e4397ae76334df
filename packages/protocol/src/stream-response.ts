import { z } from 'zod';

import { type Artifact, ArtifactSchema, type Message, MessageSchema } from './message.js';
import { type JsonObject, protoMessage, requiredString, struct } from './proto-json.js';
import { type Task, TaskSchema, type TaskStatus, TaskStatusSchema } from './task.js';

/** A change of a task's status, sent on streams and to webhooks (spec §4.2.1). */
export const TaskStatusUpdateEventSchema = protoMessage({
  taskId: requiredString,
  contextId: z.string(),
  status: TaskStatusSchema,
  metadata: struct.optional(),
}) as unknown as z.ZodType<TaskStatusUpdateEvent, unknown>;

/** A change of a task's status, sent on streams and to webhooks (spec §4.2.1). */
export interface TaskStatusUpdateEvent {
  taskId: string;
  contextId: string;
  status: TaskStatus;
  metadata?: JsonObject | undefined;
}

/**
 * A new or updated artifact (spec §4.2.2). `append: true` adds the parts to the artifact already
 * sent with the same id; `lastChunk: true` says no more chunks follow for it.
 */
export const TaskArtifactUpdateEventSchema = protoMessage({
  taskId: requiredString,
  contextId: z.string(),
  artifact: ArtifactSchema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: struct.optional(),
}) as unknown as z.ZodType<TaskArtifactUpdateEvent, unknown>;

/** A new or updated artifact (spec §4.2.2). */
export interface TaskArtifactUpdateEvent {
  taskId: string;
  contextId: string;
  artifact: Artifact;
  append?: boolean | undefined;
  lastChunk?: boolean | undefined;
  metadata?: JsonObject | undefined;
}

const STREAM_RESPONSE_KEYS = ['task', 'message', 'statusUpdate', 'artifactUpdate'] as const;

/**
 * One item of a stream and the body of a push notification (spec §3.2.3 StreamResponse): exactly
 * one of `task`, `message`, `statusUpdate`, `artifactUpdate`.
 */
export const StreamResponseSchema = protoMessage({
  task: TaskSchema.optional(),
  message: MessageSchema.optional(),
  statusUpdate: TaskStatusUpdateEventSchema.optional(),
  artifactUpdate: TaskArtifactUpdateEventSchema.optional(),
}).superRefine((value, ctx) => {
  const present = STREAM_RESPONSE_KEYS.filter((key) => value[key] !== undefined);
  if (present.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `a stream response must have exactly one of task, message, statusUpdate or artifactUpdate; it has ${present.length === 0 ? 'none' : present.join(' and ')}`,
    });
  }
}) as unknown as z.ZodType<StreamResponse, unknown>;

/** One item of a stream and the body of a push notification (spec §3.2.3 StreamResponse). */
export type StreamResponse =
  | { task: Task; message?: undefined; statusUpdate?: undefined; artifactUpdate?: undefined }
  | { message: Message; task?: undefined; statusUpdate?: undefined; artifactUpdate?: undefined }
  | {
      statusUpdate: TaskStatusUpdateEvent;
      task?: undefined;
      message?: undefined;
      artifactUpdate?: undefined;
    }
  | {
      artifactUpdate: TaskArtifactUpdateEvent;
      task?: undefined;
      message?: undefined;
      statusUpdate?: undefined;
    };
