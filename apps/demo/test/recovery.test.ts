import { type Task, type TaskState } from '@baton/protocol';
import { createInMemoryStore } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { failInterruptedTasks, RECOVERY_MESSAGE } from '../src/recovery.js';

const task = (id: string, state: TaskState): Task => ({
  id,
  contextId: `ctx-${id}`,
  status: { state, timestamp: new Date().toISOString() },
  history: [{ messageId: `m-${id}`, role: 'ROLE_USER', parts: [{ text: 'hi' }] }],
});

describe('start-up recovery', () => {
  it('fails submitted and working tasks, and leaves interrupted and finished ones alone', async () => {
    const store = createInMemoryStore();
    const owner = { tenant: 't', owner: 'alice' };
    const states: TaskState[] = [
      'TASK_STATE_SUBMITTED',
      'TASK_STATE_WORKING',
      'TASK_STATE_INPUT_REQUIRED',
      'TASK_STATE_AUTH_REQUIRED',
      'TASK_STATE_COMPLETED',
    ];
    for (const [i, state] of states.entries())
      await store.events.create(owner, task(`${i}`, state));

    const failed = await failInterruptedTasks(store);
    expect(failed.map((s) => s.task.id)).toEqual(['0', '1']);
    const scope = { tenant: 't', owner: 'alice' };
    const after = await Promise.all(states.map((_, i) => store.tasks.get(scope, `${i}`)));
    expect(after.map((s) => s!.task.status.state)).toEqual([
      'TASK_STATE_FAILED',
      'TASK_STATE_FAILED',
      'TASK_STATE_INPUT_REQUIRED',
      'TASK_STATE_AUTH_REQUIRED',
      'TASK_STATE_COMPLETED',
    ]);
    const recovered = after[1]!.task;
    expect(recovered.status.message?.parts).toEqual([{ text: RECOVERY_MESSAGE }]);
    expect(recovered.history?.at(-1)?.parts).toEqual([{ text: RECOVERY_MESSAGE }]);
    const log = await store.events.read('1', 0);
    expect(log.at(-1)?.event.statusUpdate?.status.state).toBe('TASK_STATE_FAILED');
    const conversation = await store.messages.list(scope, 'ctx-1');
    expect(conversation.at(-1)?.message.parts).toEqual([{ text: RECOVERY_MESSAGE }]);
    expect(await failInterruptedTasks(store)).toEqual([]);
  });
});
