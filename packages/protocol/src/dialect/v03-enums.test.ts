import { describe, expect, it } from 'vitest';

import { TASK_STATES } from '../task-state.js';
import {
  roleFrom03,
  roleTo03,
  TASK_STATES_03,
  taskStateFrom03,
  taskStateTo03,
} from './v03-enums.js';

describe('task states', () => {
  it('map one to one, TASK_STATE_UNSPECIFIED <-> unknown', () => {
    expect(TASK_STATES.map(taskStateTo03).sort()).toStrictEqual([...TASK_STATES_03].sort());
    for (const state of TASK_STATES) expect(taskStateFrom03(taskStateTo03(state))).toBe(state);
    expect(taskStateTo03('TASK_STATE_UNSPECIFIED')).toBe('unknown');
    expect(taskStateTo03('TASK_STATE_INPUT_REQUIRED')).toBe('input-required');
    expect(taskStateFrom03('auth-required')).toBe('TASK_STATE_AUTH_REQUIRED');
    expect(taskStateFrom03('canceled')).toBe('TASK_STATE_CANCELED');
  });
});

describe('roles', () => {
  it('map user and agent, and refuse ROLE_UNSPECIFIED', () => {
    expect(roleTo03('ROLE_USER')).toBe('user');
    expect(roleTo03('ROLE_AGENT')).toBe('agent');
    expect(roleFrom03('user')).toBe('ROLE_USER');
    expect(roleFrom03('agent')).toBe('ROLE_AGENT');
    expect(() => roleTo03('ROLE_UNSPECIFIED')).toThrow(RangeError);
  });
});
