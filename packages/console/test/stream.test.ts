import { createInMemoryStore } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { createConsoleApp } from '../src/index.js';
import { type TaskEventEntry, type TaskSummary } from '../src/shared/api-types.js';
import { seedTask, textMessage } from './support/seed.js';
import { readEvents } from './support/sse.js';

describe('/api/stream', () => {
  it('replays a task log after a sequence number, then follows it live', async () => {
    const store = createInMemoryStore();
    const task = await seedTask(store, { state: 'TASK_STATE_WORKING' });
    const app = createConsoleApp({ store });
    const response = await app.request(`http://127.0.0.1/api/stream?task=${task.id}&after=1`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.events.append(
      task.id,
      { message: { ...textMessage('live one'), taskId: task.id, contextId: task.contextId } },
      (current, event) => ({
        ...current.task,
        history: [...(current.task.history ?? []), event.message!],
      }),
    );
    const events = await reading;
    expect(events.map((e) => e.event)).toEqual(['task-event', 'caught-up', 'task-event']);
    const entries = events
      .filter((e) => e.event === 'task-event')
      .map((e) => e.data as TaskEventEntry);
    expect(entries.map((e) => e.seq)).toEqual([2, 3]);
    expect(events[2]!.id).toBe('3');
  });

  it('feeds list-level changes', async () => {
    const store = createInMemoryStore();
    const app = createConsoleApp({ store, pollIntervalMs: 50 });
    const response = await app.request('http://127.0.0.1/api/stream');
    const reading = readEvents(response, 1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const task = await seedTask(store, { state: 'TASK_STATE_WORKING' });
    const [changes] = await reading;
    expect(changes!.event).toBe('changes');
    const { tasks } = changes!.data as { tasks: TaskSummary[] };
    expect(tasks.map((t) => t.id)).toEqual([task.id]);
  });

  it('answers 404 for an unknown task', async () => {
    const app = createConsoleApp({ store: createInMemoryStore() });
    expect((await app.request('http://127.0.0.1/api/stream?task=nope')).status).toBe(404);
  });
});
