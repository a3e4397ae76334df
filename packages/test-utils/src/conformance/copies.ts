import { type TaskEventRecord } from '@baton/server';
import { describe, expect, it, vi } from 'vitest';

import { makeMessage, makeTask, statusEvent, uniqueId } from '../builders.js';
import { replaceStatusReducer } from '../reducer.js';
import { newOwnership, type StoreFixture } from './fixture.js';

/** Every value a store hands out, or takes in, is a copy: mutating it never reaches the store. */
export function describeCopies(fixture: StoreFixture): void {
  describe('copies', () => {
    it('hands out task snapshots and events that callers may change freely', async () => {
      const { store } = fixture;
      const ownership = newOwnership();
      const input = makeTask({ history: [makeMessage('original')] });
      const created = await store.events.create(ownership, input);
      input.history!.push(makeMessage('input changed after create'));
      created.task.task.status.state = 'TASK_STATE_FAILED';
      created.record.event.task!.history!.length = 0;

      const event = statusEvent(input, 'TASK_STATE_WORKING');
      const delivered: TaskEventRecord[] = [];
      const unsubscribe = store.events.subscribe(input.id, (record) => {
        delivered.push(record);
        record.event.statusUpdate!.status.state = 'TASK_STATE_REJECTED';
      });
      const appended = await store.events.append(input.id, event, replaceStatusReducer);
      await vi.waitFor(() => expect(delivered).toHaveLength(1));
      unsubscribe();
      event.statusUpdate!.status.state = 'TASK_STATE_CANCELED';
      appended.task.task.history = [];
      appended.record.event.statusUpdate!.status.state = 'TASK_STATE_CANCELED';

      const got = await store.tasks.get(ownership, input.id);
      got!.task.history!.length = 0;
      const listed = await store.tasks.list(ownership, { pageSize: 10 });
      listed.tasks[0]!.task.status.state = 'TASK_STATE_FAILED';
      const read = await store.events.read(input.id, 0);
      read[0]!.event.task!.id = 'changed';
      read[1]!.event.statusUpdate!.status.state = 'TASK_STATE_FAILED';

      const stored = await store.tasks.get(ownership, input.id);
      expect(stored?.task.status.state).toBe('TASK_STATE_WORKING');
      expect(stored?.task.history?.map((m) => m.parts[0]?.text)).toEqual(['original']);
      const records = await store.events.read(input.id, 0);
      expect(records[0]?.event.task?.id).toBe(input.id);
      expect(records[0]?.event.task?.history).toHaveLength(1);
      expect(records[1]?.event.statusUpdate?.status.state).toBe('TASK_STATE_WORKING');
    });

    it('hands out messages and push configs that callers may change freely', async () => {
      const { store } = fixture;
      const ownership = newOwnership();
      const contextId = uniqueId('ctx');
      const message = makeMessage('original');
      const appended = await store.messages.append(ownership, contextId, message);
      message.parts[0] = { text: 'input changed' };
      appended.message.parts[0] = { text: 'result changed' };
      (await store.messages.list(ownership, contextId))[0]!.message.parts.length = 0;
      const [stored] = await store.messages.list(ownership, contextId);
      expect(stored?.message.parts).toEqual([{ text: 'original' }]);

      const taskId = uniqueId('task');
      const config = { taskId, id: 'a', url: 'https://example.com/a' };
      const put = await store.pushConfigs.put(config);
      config.url = 'https://input.example/changed';
      put.url = 'https://result.example/changed';
      (await store.pushConfigs.get(taskId, 'a'))!.url = 'https://get.example/changed';
      (await store.pushConfigs.list(taskId)).configs[0]!.url = 'https://list.example/changed';
      expect((await store.pushConfigs.get(taskId, 'a'))?.url).toBe('https://example.com/a');
    });
  });
}
