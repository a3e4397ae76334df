import { z } from 'zod';

import { type Artifact, ArtifactSchema, type Message, MessageSchema } from './message.js';
import { type JsonObject, protoMessage, requiredString, struct, timestamp } from './proto-json.js';
import { type TaskState, TaskStateSchema } from './task-state.js';

/** The state of a task at one moment (spec §4.1.2 TaskStatus). */
export const TaskStatusSchema = protoMessage({
  state: TaskStateSchema,
  message: MessageSchema.optional(),
  timestamp: timestamp.optional(),
}) as unknown as z.ZodType<TaskStatus, unknown>;

/** The state of a task at one moment (spec §4.1.2 TaskStatus). */
export interface TaskStatus {
  state: TaskState;
  message?: Message | undefined;
  timestamp?: string | undefined;
}

/** A unit of work an agent performs (spec §4.1.1 Task). */
export const TaskSchema = protoMessage({
  id: requiredString,
  contextId: z.string().optional(),
  status: TaskStatusSchema,
  artifacts: z.array(ArtifactSchema).optional(),
  history: z.array(MessageSchema).optional(),
  metadata: struct.optional(),
}) as unknown as z.ZodType<Task, unknown>;

/** A unit of work an agent performs (spec §4.1.1 Task). */
export interface Task {
  id: string;
  contextId?: string | undefined;
  status: TaskStatus;
  artifacts?: Artifact[] | undefined;
  history?: Message[] | undefined;
  metadata?: JsonObject | undefined;
}
