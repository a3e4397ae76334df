// Several server processes on one PostgreSQL schema: an instance that starts must leave the tasks
// its siblings are running alone, and the tasks of an instance that dies are taken over by a
// live one once its lease has expired.
import { isTerminalState, type StreamResponse, type Task } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  RECOVERY_MESSAGE,
  startRequestHandler,
  type TaskReducer,
} from '@baton/server';
import { createPostgresStore } from '@baton/store-postgres';
import {
  DATABASE_URL,
  describePostgres,
  dropSchema,
  freshSchema,
} from '@baton-apps/test-support/postgres';
import { afterAll, expect, it } from 'vitest';

import { type RecordedStream, recordStream } from '../src/durable/recorded-stream.js';
import { killServers, spawnServer } from '../src/durable/server-child.js';
import { slowAgentCard, slowExecutor } from '../src/durable/slow-agent.js';
import { openStore, type StoreLocation } from '../src/durable/stores.js';

afterAll(killServers);

/** A working task of its own context. */
function workingTask(id: string): Task {
  return { id, contextId: `ctx-${id}`, status: { state: 'TASK_STATE_WORKING' } };
}
const working = (task: Task): StreamResponse => ({
  statusUpdate: {
    taskId: task.id,
    contextId: task.contextId!,
    status: { state: 'TASK_STATE_WORKING' },
  },
});
const replaceStatus: TaskReducer = (current, event) => ({
  ...current.task,
  status: event.statusUpdate!.status,
});

describePostgres('several instances on one PostgreSQL schema', () => {
  const schema = freshSchema();
  // Short leases so that the take-over happens within the test.
  const location: StoreLocation = { kind: 'postgres', schema, leaseMs: 1500 };
  let reader: BatonStore | undefined;
  afterAll(async () => {
    await killServers();
    await reader?.close();
    await dropSchema(schema);
  });

  it('leaves a running sibling’s tasks alone, and takes them over once it died', async () => {
    const first = await spawnServer(location);
    // Three tasks that work for about 20 s, each followed until its first event.
    const started: Promise<RecordedStream>[] = [];
    const firstEvents = [0, 1, 2].map(
      (i) =>
        new Promise<void>((resolve) => {
          const message = {
            messageId: `lease-${i}`,
            role: 'ROLE_USER',
            parts: [{ text: 'steps 200 100' }],
          };
          started.push(
            recordStream(
              first.url,
              'SendStreamingMessage',
              { message },
              { onEvent: () => resolve() },
            ),
          );
        }),
    );
    await Promise.all(firstEvents);

    // A second instance starts with the default recovery ('fail'): nothing of the first's is its.
    const second = await spawnServer(location);
    expect(second.recovery.failed).toEqual([]);
    reader = await openStore(location);
    const running = async () =>
      (await reader!.tasks.listUnfinished(10)).filter(
        (stored) => stored.task.status.state === 'TASK_STATE_WORKING',
      );
    expect(await running()).toHaveLength(3);

    // The first instance dies without a word; its lease runs out and the second fails its tasks.
    await first.stop('SIGKILL');
    const streams = await Promise.all(started);
    const taskIds = streams.map((stream) => stream.taskId!);
    await expect.poll(async () => (await running()).length, { timeout: 15_000 }).toBe(0);
    for (const taskId of taskIds) {
      const stored = await reader.tasks.get({ tenant: '' }, taskId);
      expect(isTerminalState(stored!.task.status.state)).toBe(true);
      expect(stored!.task.status.state).toBe('TASK_STATE_FAILED');
      expect(stored!.task.status.message?.parts[0]?.text).toBe(RECOVERY_MESSAGE);
    }
    await second.stop('SIGTERM');
  }, 60_000);

  /** A handler failing orphans on a store of its own, with a long lease: no timer sweeps. */
  async function failingHandler() {
    const store = await createPostgresStore({ connectionString: DATABASE_URL, schema });
    const handler = await startRequestHandler({
      agentCard: slowAgentCard,
      executor: slowExecutor,
      store,
      recovery: 'fail',
    });
    return { store, handler };
  }

  it('takes over the tasks of a dead instance when asked, and only those', async () => {
    const { store, handler } = await failingHandler();
    try {
      const ownership = { tenant: 'takeover', owner: 'o' };
      const [dead, alive] = [workingTask('takeover-dead'), workingTask('takeover-alive')];
      for (const task of [dead, alive]) {
        await store.events.create(ownership, task);
        await store.events.append(task.id, working(task), replaceStatus);
      }
      const sibling = await createPostgresStore({ connectionString: DATABASE_URL, schema });
      await sibling.events.append(alive.id, working(alive), replaceStatus);
      await store.pool.query(`UPDATE "${schema}".tasks SET runner = 'gone' WHERE id = $1`, [
        dead.id,
      ]);
      await handler.recoverOrphanedTasks();
      const state = async (id: string) =>
        (await store.tasks.get({ tenant: 'takeover' }, id))!.task.status.state;
      expect(await state(dead.id)).toBe('TASK_STATE_FAILED');
      expect(await state(alive.id)).toBe('TASK_STATE_WORKING');
      await sibling.close();
    } finally {
      await handler.close();
      await store.close();
    }
  });

  it('takes over nothing once closed, even when asked', async () => {
    const { store, handler } = await failingHandler();
    try {
      await handler.close();
      const task = workingTask('after-close');
      await store.events.create({ tenant: 'closed', owner: 'o' }, task);
      await store.events.append(task.id, working(task), replaceStatus);
      await store.pool.query(`UPDATE "${schema}".tasks SET runner = 'gone' WHERE id = $1`, [
        task.id,
      ]);
      // The store is still open (the handler did not create it), the task is orphaned: a handler
      // that shut down leaves it to the instances still running.
      await handler.recoverOrphanedTasks();
      const stored = await store.tasks.get({ tenant: 'closed' }, task.id);
      expect(stored!.task.status.state).toBe('TASK_STATE_WORKING');
      expect(await handler.purgeExpiredTasks()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('resumes an orphaned task on exactly one of two instances sweeping at once', async () => {
    const resumed: string[] = [];
    const resumingExecutor: AgentExecutor = {
      ...slowExecutor,
      async resume(context, events) {
        resumed.push(context.task?.id ?? '?');
        await events.complete('picked up again');
      },
    };
    const stores = await Promise.all(
      [0, 1].map(() => createPostgresStore({ connectionString: DATABASE_URL, schema })),
    );
    const handlers = await Promise.all(
      stores.map((store) =>
        startRequestHandler({
          agentCard: slowAgentCard,
          executor: resumingExecutor,
          store,
          recovery: 'resume',
        }),
      ),
    );
    try {
      const orphan = workingTask('resume-orphan');
      await stores[0]!.events.create({ tenant: 'resume', owner: 'o' }, orphan);
      await stores[0]!.pool.query(`UPDATE "${schema}".tasks SET runner = 'gone' WHERE id = $1`, [
        orphan.id,
      ]);
      await Promise.all(handlers.map((handler) => handler.recoverOrphanedTasks()));
      const state = async () =>
        (await stores[0]!.tasks.get({ tenant: 'resume' }, orphan.id))!.task.status.state;
      await expect.poll(state).toBe('TASK_STATE_COMPLETED');
      // Other orphans of this schema may be resumed too; this one was resumed once.
      expect(resumed.filter((id) => id === orphan.id)).toEqual([orphan.id]);
    } finally {
      await Promise.all(handlers.map((handler) => handler.close()));
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
