import { type TaskState } from '@baton/protocol';

/**
 * The task states a person can filter by. Kept here rather than imported from the protocol
 * package so the first view does not load the protocol schemas.
 */
export const STATES: readonly TaskState[] = [
  'TASK_STATE_SUBMITTED',
  'TASK_STATE_WORKING',
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_AUTH_REQUIRED',
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED',
];
