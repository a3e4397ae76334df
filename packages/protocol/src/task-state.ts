import { type z } from 'zod';

import { protoEnum } from './proto-json.js';

/** Every A2A 1.0 task state, in proto enum order (spec §4.1.3 TaskState). */
export const TASK_STATES = [
  'TASK_STATE_UNSPECIFIED',
  'TASK_STATE_SUBMITTED',
  'TASK_STATE_WORKING',
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_REJECTED',
  'TASK_STATE_AUTH_REQUIRED',
] as const;

/** The lifecycle state of a task (spec §4.1.3). */
export const TaskStateSchema = protoEnum(TASK_STATES);
/** The lifecycle state of a task (spec §4.1.3). */
export type TaskState = z.infer<typeof TaskStateSchema>;

/** Who sent a message (spec §4.1.5 Role). */
export const RoleSchema = protoEnum(['ROLE_UNSPECIFIED', 'ROLE_USER', 'ROLE_AGENT'] as const);
/** Who sent a message (spec §4.1.5 Role). */
export type Role = z.infer<typeof RoleSchema>;

const TERMINAL: ReadonlySet<TaskState> = new Set([
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED',
]);
const INTERRUPTED: ReadonlySet<TaskState> = new Set([
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_AUTH_REQUIRED',
]);

/** A terminal state never changes again: completed, failed, canceled, rejected. */
export function isTerminalState(state: TaskState): boolean {
  return TERMINAL.has(state);
}

/** An interrupted state waits for the client: input-required, auth-required. */
export function isInterruptedState(state: TaskState): boolean {
  return INTERRUPTED.has(state);
}
