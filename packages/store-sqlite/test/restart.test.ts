import { makeMessage, messageEvent, replaceStatusReducer, statusEvent } from '@baton/test-utils';
import { makeTask } from '@baton/test-utils';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

describe('restart', () => {
  it('finds every task, event, message and push config after close and reopen', async () => {
    const path = tempDatabase();
    const ownership = { tenant: 't', owner: 'o' };
    const first = createSqliteStore({ path });
    const task = makeTask({ history: [makeMessage('hello durable world')] });
    await first.events.create(ownership, task);
    await first.events.append(task.id, messageEvent(makeMessage('second')), replaceStatusReducer);
    const done = await first.events.append(
      task.id,
      statusEvent(task, 'TASK_STATE_COMPLETED'),
      replaceStatusReducer,
    );
    const message = await first.messages.append(ownership, task.contextId!, makeMessage('m'));
    await first.pushConfigs.put({ taskId: task.id, id: 'hook', url: 'https://example.com/h' });
    const events = await first.events.read(task.id, 0);
    await first.close();
    await first.close();

    const second = createSqliteStore({ path });
    expect(second.path).toBe(first.path);
    expect(await second.tasks.get(ownership, task.id)).toEqual(done.task);
    expect(await second.events.read(task.id, 0)).toEqual(events);
    expect(await second.messages.list(ownership, task.contextId!)).toEqual([message]);
    expect(await second.pushConfigs.get(task.id, 'hook')).toMatchObject({
      url: 'https://example.com/h',
    });
    const found = await second.tasks.list(ownership, { pageSize: 10, text: 'durable' });
    expect(found.tasks.map((s) => s.task.id)).toEqual([task.id]);
    // Sequence numbers go on where they stopped.
    await expect(
      second.events.append(task.id, messageEvent(makeMessage('late')), replaceStatusReducer),
    ).rejects.toThrow();
    const other = makeTask();
    await second.events.create(ownership, other);
    const next = await second.events.append(
      other.id,
      statusEvent(other, 'TASK_STATE_WORKING'),
      replaceStatusReducer,
    );
    expect(next.record.seq).toBe(2);
    await second.close();
  });
});
