import { type Task, type TaskState } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import {
  applyTaskEvent,
  type BatonStore,
  createInMemoryStore,
  recoverUnfinishedTasks,
  RECOVERY_MESSAGE,
  startRequestHandler,
} from '../src/index.js';
import { echoExecutor, handlerWith, userMessage } from './helpers.js';

let counter = 0;

/** A task as a crashed process leaves it: created, then moved to `state` through the log. */
async function seed(store: BatonStore, state: TaskState, owner = 'alice'): Promise<Task> {
  counter++;
  const id = `task-${counter}`;
  const contextId = `ctx-${counter}`;
  const task: Task = {
    id,
    contextId,
    status: { state: 'TASK_STATE_SUBMITTED', timestamp: new Date().toISOString() },
    history: [userMessage(`job ${counter}`, { taskId: id, contextId })],
  };
  await store.events.create({ tenant: 't', owner }, task);
  if (state === 'TASK_STATE_SUBMITTED') return task;
  const status = { state, timestamp: new Date().toISOString() };
  const { task: stored } = await store.events.append(
    id,
    { statusUpdate: { taskId: id, contextId, status } },
    (current, event) => applyTaskEvent(current.task, event),
  );
  return stored.task;
}

async function snapshot(store: BatonStore, id: string, owner = 'alice'): Promise<Task> {
  const stored = await store.tasks.get({ tenant: 't', owner }, id);
  return stored!.task;
}

async function foldOfLog(store: BatonStore, id: string): Promise<Task> {
  const records = await store.events.read(id, 0);
  return records.reduce<Task>((task, record) => applyTaskEvent(task, record.event), {} as Task);
}

describe('start-up recovery', () => {
  it('fails submitted and working tasks through the log and leaves the others alone', async () => {
    const store = createInMemoryStore();
    const working = await seed(store, 'TASK_STATE_WORKING');
    const submitted = await seed(store, 'TASK_STATE_SUBMITTED');
    const waiting = await seed(store, 'TASK_STATE_INPUT_REQUIRED');
    const auth = await seed(store, 'TASK_STATE_AUTH_REQUIRED');
    const done = await seed(store, 'TASK_STATE_COMPLETED');
    const handler = handlerWith(echoExecutor, { store });
    const report = await handler.ready;
    expect(report.failed.sort()).toEqual([working.id, submitted.id].sort());
    expect(report.skipped.sort()).toEqual([waiting.id, auth.id].sort());
    for (const id of report.failed) {
      const task = await snapshot(store, id);
      expect(task.status.state).toBe('TASK_STATE_FAILED');
      expect(task.status.message?.role).toBe('ROLE_AGENT');
      expect(task.status.message?.parts[0]?.text).toBe(RECOVERY_MESSAGE);
      expect(await foldOfLog(store, id)).toEqual(task);
      const conversation = await store.messages.list(
        { tenant: 't', owner: 'alice' },
        task.contextId!,
      );
      expect(conversation.map((m) => m.message.parts[0]?.text)).toContain(RECOVERY_MESSAGE);
    }
    expect((await snapshot(store, waiting.id)).status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect((await snapshot(store, auth.id)).status.state).toBe('TASK_STATE_AUTH_REQUIRED');
    expect((await store.events.read(done.id, 0)).length).toBe(2);
    await handler.close();
    await store.close();
  });

  it('makes task operations wait for it', async () => {
    const store = createInMemoryStore();
    const working = await seed(store, 'TASK_STATE_WORKING', '');
    const handler = handlerWith(echoExecutor, { store });
    // Called before recovery ran: still answers with the recovered task.
    const task = await handler.getTask({ id: working.id, tenant: 't' });
    expect(task.status.state).toBe('TASK_STATE_FAILED');
    await handler.close();
  });

  it("leaves every task as it is with 'none', and uses a custom message and filter", async () => {
    const store = createInMemoryStore();
    const a = await seed(store, 'TASK_STATE_WORKING');
    const b = await seed(store, 'TASK_STATE_WORKING', 'bob');
    const none = handlerWith(echoExecutor, { store, recovery: 'none' });
    expect(await none.ready).toEqual({ failed: [], resumed: [], skipped: [] });
    await none.close();
    expect((await snapshot(store, a.id)).status.state).toBe('TASK_STATE_WORKING');
    const filtered = await startRequestHandler({
      agentCard: handlerWith(echoExecutor).agentCard,
      executor: echoExecutor,
      store,
      recovery: { filter: (stored) => stored.owner === 'bob', message: 'Lost in a restart.' },
    });
    expect((await filtered.ready).failed).toEqual([b.id]);
    expect((await snapshot(store, b.id, 'bob')).status.message?.parts[0]?.text).toBe(
      'Lost in a restart.',
    );
    expect((await snapshot(store, a.id)).status.state).toBe('TASK_STATE_WORKING');
    await filtered.close();
  });

  it("hands tasks to executor.resume with 'resume'", async () => {
    const store = createInMemoryStore();
    const working = await seed(store, 'TASK_STATE_WORKING');
    const seen: string[] = [];
    const handler = handlerWith(
      {
        ...echoExecutor,
        async resume(context, events) {
          seen.push(`${context.taskId}:${context.message.parts[0]?.text}:${context.task?.id}`);
          await events.addArtifact({ parts: [{ text: 'finished after a restart' }] });
          await events.complete();
        },
      },
      { store, recovery: 'resume' },
    );
    expect((await handler.ready).resumed).toEqual([working.id]);
    await handler.close();
    expect(seen).toEqual([`${working.id}:job ${counter}:${working.id}`]);
    const task = await snapshot(store, working.id);
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(await foldOfLog(store, working.id)).toEqual(task);
  });

  it("fails tasks with 'resume' when the executor has no resume method", async () => {
    const store = createInMemoryStore();
    const working = await seed(store, 'TASK_STATE_WORKING');
    const handler = handlerWith(echoExecutor, { store, recovery: { mode: 'resume' } });
    expect((await handler.ready).failed).toEqual([working.id]);
    await handler.close();
  });

  it('pages through more unfinished tasks than a batch, interrupted ones in front', async () => {
    const store = createInMemoryStore();
    const interrupted: string[] = [];
    const running: string[] = [];
    for (let i = 0; i < 5; i++) {
      interrupted.push((await seed(store, 'TASK_STATE_INPUT_REQUIRED')).id);
      running.push((await seed(store, 'TASK_STATE_WORKING')).id);
    }
    for (let i = 0; i < 4; i++) running.push((await seed(store, 'TASK_STATE_SUBMITTED')).id);
    const report = await recoverUnfinishedTasks(store, { batchSize: 2 });
    expect(report.failed.sort()).toEqual(running.sort());
    expect(report.skipped.sort()).toEqual(interrupted.sort());
    expect(await store.tasks.listUnfinished(100)).toHaveLength(5);
  });

  it('does not run for a store the handler created itself', async () => {
    const handler = handlerWith(echoExecutor);
    expect(await handler.ready).toEqual({ failed: [], resumed: [], skipped: [] });
    await handler.close();
  });

  it('rejects ready when the store fails, and operations still go ahead', async () => {
    const store = createInMemoryStore();
    const { tasks } = store;
    const broken: BatonStore = {
      ...store,
      tasks: {
        get: (scope, id) => tasks.get(scope, id),
        list: (scope, query) => tasks.list(scope, query),
        listUnfinished: () => Promise.reject(new Error('database is down')),
        purge: (before) => tasks.purge(before),
        supportsTextSearch: tasks.supportsTextSearch,
      },
    };
    const handler = handlerWith(echoExecutor, { store: broken });
    await expect(handler.ready).rejects.toThrow('database is down');
    const result = await handler.sendMessage({ message: userMessage('hi') });
    expect(result.task?.status.state).toBe('TASK_STATE_COMPLETED');
    await handler.close();
    await expect(
      startRequestHandler({ agentCard: handler.agentCard, executor: echoExecutor, store: broken }),
    ).rejects.toThrow('database is down');
  });
});
