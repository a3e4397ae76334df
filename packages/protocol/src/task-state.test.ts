import { describe, expect, it } from 'vitest';

import {
  isInterruptedState,
  isTerminalState,
  RoleSchema,
  TASK_STATES,
  type TaskState,
  TaskStateSchema,
} from './task-state.js';

const CLASSES: Record<TaskState, 'invalid' | 'active' | 'interrupted' | 'terminal'> = {
  TASK_STATE_UNSPECIFIED: 'invalid',
  TASK_STATE_SUBMITTED: 'active',
  TASK_STATE_WORKING: 'active',
  TASK_STATE_COMPLETED: 'terminal',
  TASK_STATE_FAILED: 'terminal',
  TASK_STATE_CANCELED: 'terminal',
  TASK_STATE_INPUT_REQUIRED: 'interrupted',
  TASK_STATE_REJECTED: 'terminal',
  TASK_STATE_AUTH_REQUIRED: 'interrupted',
};

describe('task states', () => {
  it('lists the nine proto states in enum order', () => {
    expect(TASK_STATES).toEqual(Object.keys(CLASSES));
  });

  it.each(TASK_STATES)('classifies %s', (state) => {
    expect(isTerminalState(state)).toBe(CLASSES[state] === 'terminal');
    expect(isInterruptedState(state)).toBe(CLASSES[state] === 'interrupted');
  });

  it('accepts the spelling CANCELED only (0.3 REST used CANCELLED)', () => {
    expect(TaskStateSchema.safeParse('TASK_STATE_CANCELED').success).toBe(true);
    expect(TaskStateSchema.safeParse('TASK_STATE_CANCELLED').success).toBe(false);
  });

  it.each(['completed', 'input-required', 'unknown', 'task_state_completed', 9, -1])(
    'rejects %j',
    (value) => {
      expect(TaskStateSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('RoleSchema', () => {
  it('reads names and numbers', () => {
    expect(RoleSchema.parse('ROLE_USER')).toBe('ROLE_USER');
    expect(RoleSchema.parse(1)).toBe('ROLE_USER');
    expect(RoleSchema.parse(2)).toBe('ROLE_AGENT');
    expect(RoleSchema.parse(0)).toBe('ROLE_UNSPECIFIED');
  });

  it.each(['user', 'agent', 'ROLE_SYSTEM', 3])('rejects %j', (value) => {
    expect(RoleSchema.safeParse(value).success).toBe(false);
  });
});
