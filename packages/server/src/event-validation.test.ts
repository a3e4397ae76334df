import { InvalidAgentResponseError, type Task } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { checkEventApplies, checkEventContent, validateTaskEvent } from './event-validation.js';

const task: Task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_WORKING' } };
const status = (state: Task['status']['state'], taskId = 't1', contextId = 'c1') => ({
  statusUpdate: { taskId, contextId, status: { state } },
});

describe('event validation', () => {
  it('accepts a well-formed event for the task', () => {
    expect(() => validateTaskEvent(task, status('TASK_STATE_COMPLETED'))).not.toThrow();
  });

  it('refuses an event for another task or context', () => {
    expect(() => checkEventApplies(task, status('TASK_STATE_WORKING', 't2'))).toThrow(/task t2/);
    expect(() => checkEventApplies(task, status('TASK_STATE_WORKING', 't1', 'c2'))).toThrow(
      /context c2/,
    );
  });

  it('refuses every event after a terminal state', () => {
    const done: Task = { ...task, status: { state: 'TASK_STATE_CANCELED' } };
    expect(() => checkEventApplies(done, status('TASK_STATE_COMPLETED'))).toThrow(
      /already TASK_STATE_CANCELED/,
    );
  });

  it('refuses a second task snapshot and an unspecified state', () => {
    expect(() => checkEventApplies(task, { task })).toThrow(InvalidAgentResponseError);
    expect(() => checkEventApplies(task, status('TASK_STATE_UNSPECIFIED'))).toThrow(/UNSPECIFIED/);
  });

  it('refuses malformed content, naming the field', () => {
    const empty = {
      artifactUpdate: { taskId: 't1', contextId: 'c1', artifact: { artifactId: 'a', parts: [] } },
    };
    expect(() => checkEventContent(empty)).toThrow(/artifactUpdate\.artifact\.parts/);
    const twoKinds = { ...status('TASK_STATE_WORKING'), message: undefined, task } as never;
    expect(() => checkEventContent(twoKinds)).toThrow(InvalidAgentResponseError);
  });
});
