import { z } from 'zod';

import { type Role, type TaskState } from '../task-state.js';

/** Every A2A 0.3 task state, as the lower-case JSON strings of 0.3 (spec 0.3 §6.3 TaskState). */
export const TASK_STATES_03 = [
  'submitted',
  'working',
  'input-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
  'auth-required',
  'unknown',
] as const;

/** The lifecycle state of a task in 0.3 JSON (spec 0.3 §6.3 TaskState). */
export const TaskState03Schema = z.enum(TASK_STATES_03);
/** The lifecycle state of a task in 0.3 JSON (spec 0.3 §6.3 TaskState). */
export type TaskState03 = z.infer<typeof TaskState03Schema>;

/** Who sent a message, in 0.3 JSON (spec 0.3 §6.4 Message.role). */
export const Role03Schema = z.enum(['user', 'agent']);
/** Who sent a message, in 0.3 JSON (spec 0.3 §6.4 Message.role). */
export type Role03 = z.infer<typeof Role03Schema>;

const STATE_TO_03: { readonly [State in TaskState]: TaskState03 } = {
  TASK_STATE_UNSPECIFIED: 'unknown',
  TASK_STATE_SUBMITTED: 'submitted',
  TASK_STATE_WORKING: 'working',
  TASK_STATE_COMPLETED: 'completed',
  TASK_STATE_FAILED: 'failed',
  TASK_STATE_CANCELED: 'canceled',
  TASK_STATE_INPUT_REQUIRED: 'input-required',
  TASK_STATE_REJECTED: 'rejected',
  TASK_STATE_AUTH_REQUIRED: 'auth-required',
};

const STATE_FROM_03: { readonly [State in TaskState03]: TaskState } = {
  unknown: 'TASK_STATE_UNSPECIFIED',
  submitted: 'TASK_STATE_SUBMITTED',
  working: 'TASK_STATE_WORKING',
  completed: 'TASK_STATE_COMPLETED',
  failed: 'TASK_STATE_FAILED',
  canceled: 'TASK_STATE_CANCELED',
  'input-required': 'TASK_STATE_INPUT_REQUIRED',
  rejected: 'TASK_STATE_REJECTED',
  'auth-required': 'TASK_STATE_AUTH_REQUIRED',
};

/** A 1.0 task state as 0.3 JSON; `TASK_STATE_UNSPECIFIED` becomes `unknown` (A2A.md §3.3). */
export function taskStateTo03(state: TaskState): TaskState03 {
  return STATE_TO_03[state];
}

/** A 0.3 task state as the 1.0 enum name; `unknown` becomes `TASK_STATE_UNSPECIFIED`. */
export function taskStateFrom03(state: TaskState03): TaskState {
  return STATE_FROM_03[state];
}

/**
 * A 1.0 role as 0.3 JSON. `ROLE_UNSPECIFIED` has no 0.3 value and is rejected by the 1.0 Message
 * schema too, so meeting it here is a programming error.
 * @throws RangeError for `ROLE_UNSPECIFIED`.
 */
export function roleTo03(role: Role): Role03 {
  switch (role) {
    case 'ROLE_USER':
      return 'user';
    case 'ROLE_AGENT':
      return 'agent';
    case 'ROLE_UNSPECIFIED':
      throw new RangeError('ROLE_UNSPECIFIED has no A2A 0.3 equivalent');
  }
}

/** A 0.3 role as the 1.0 enum name (spec 1.0 §4.1.5 Role). */
export function roleFrom03(role: Role03): Role {
  return role === 'user' ? 'ROLE_USER' : 'ROLE_AGENT';
}
