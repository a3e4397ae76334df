import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { A2AClient, textOf, userMessage } from '@baton/client';
import { type Task } from '@baton/protocol';
import { createSqliteStore } from '@baton/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_RECOVERY_MESSAGE } from '../src/recovery.js';
import { type StackProcess, startStack, waitFor } from './start-stack.js';

const dataDir = mkdtempSync(join(tmpdir(), 'baton-demo-'));
let stack: StackProcess | undefined;

const connect = (url: string) => A2AClient.connect(url, { cardCache: false, timeoutMs: 20_000 });

beforeAll(async () => {
  stack = await startStack(dataDir);
});
afterAll(async () => {
  await stack?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the first run leaves behind, checked after the restart. */
const first: {
  done?: Task;
  waiting?: Task;
  delegated?: string[];
  running?: { orchestrated: string; delegated: string };
} = {};

describe('the demo stack (pnpm start)', () => {
  it('prints its URLs and what to try next, and serves the console', async () => {
    const output = stack!.output();
    expect(output).toContain(`tasks are kept in ${dataDir}`);
    expect(output).toMatch(/send http:\/\/127\.0\.0\.1:\d+ "compare Lisbon and Porto/);
    const info = await (await fetch(new URL('api/info', stack!.consoleUrl))).json();
    expect(info).toMatchObject({ hasStore: true });
  });

  it('orchestrates: plan, input-required answer, delegated tasks, assembled result', async () => {
    const orchestrator = await connect(stack!.orchestratorUrl);
    let question = '';
    const done = await orchestrator.sendAndWait('alpha; then beta chunks=2 delay=20', {
      timeoutMs: 60_000,
      onInputRequired: (task) => {
        question = textOf(task.status.message);
        return 'yes';
      },
    });
    expect(question).toContain('2. Task Agent: report on "alpha"');
    expect(done).toMatchObject({ status: { state: 'TASK_STATE_COMPLETED' } });
    const task = done as Task;
    const result = task.artifacts!.find((a) => a.artifactId === 'result')!;
    expect(textOf(result)).toContain('echo: alpha; then beta');
    expect(textOf(result)).toContain('chunk 2/2 about "beta chunks=2 delay=20"');

    const subtasks = result.metadata!.subtasks as { taskId?: string }[];
    const delegated = subtasks.flatMap((s) => (s.taskId ? [s.taskId] : []));
    expect(delegated).toHaveLength(2);
    const taskAgent = await connect(stack!.taskUrl);
    for (const id of delegated) {
      const found = await taskAgent.getTask({ id });
      expect(found.status.state).toBe('TASK_STATE_COMPLETED');
      expect(found.contextId).toBe(task.contextId);
    }
    const listing = await (await fetch(new URL('api/tasks', stack!.consoleUrl))).json();
    const ids = (listing.tasks as { id: string }[]).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining([task.id, ...delegated]));

    // One more, left waiting for its answer across the restart.
    const { task: waiting } = await orchestrator.sendMessage({
      message: userMessage('gamma chunks=1 delay=0'),
    });
    expect(waiting!.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    Object.assign(first, { done: task, waiting, delegated });
  });

  it('stops cleanly on SIGTERM, even with an orchestration running', async () => {
    const orchestrator = await connect(stack!.orchestratorUrl);
    const taskAgent = await connect(stack!.taskUrl);
    const { task: planned } = await orchestrator.sendMessage({
      message: userMessage('a slow report chunks=3 delay=60000'),
    });
    await orchestrator.sendMessage({
      message: userMessage('yes', { taskId: planned!.id, contextId: planned!.contextId }),
      configuration: { returnImmediately: true },
    });
    const delegated = await waitFor(async () => {
      const { tasks } = await taskAgent.listTasks({ contextId: planned!.contextId });
      return tasks[0]?.status.state === 'TASK_STATE_WORKING' ? tasks[0] : undefined;
    }, 'the delegated task to work');
    first.running = { orchestrated: planned!.id, delegated: delegated.id };

    const started = Date.now();
    expect(await stack!.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stack!.output()).toContain('demo: stopped');
    stack = undefined;
    // The echo agent answers with direct messages: they are kept in its store's conversation.
    const echoStore = createSqliteStore({ path: join(dataDir, 'echo-agent.sqlite') });
    try {
      const messages = await echoStore.messages.list({ tenant: '' }, first.done!.contextId ?? '');
      expect(messages.map((m) => textOf(m.message))).toContain('echo: alpha; then beta');
    } finally {
      await echoStore.close();
    }
  });

  it('keeps every task across a restart, and an interrupted task can still be answered', async () => {
    stack = await startStack(dataDir);
    expect(stack.output()).not.toContain('Marked');
    const orchestrator = await connect(stack.orchestratorUrl);
    const again = await orchestrator.getTask({ id: first.done!.id });
    expect(again.status.state).toBe('TASK_STATE_COMPLETED');
    expect(again.artifacts?.map((a) => a.artifactId)).toContain('result');
    const taskAgent = await connect(stack.taskUrl);
    for (const id of first.delegated!) {
      expect((await taskAgent.getTask({ id })).status.state).toBe('TASK_STATE_COMPLETED');
    }
    // The orchestration running at the shutdown was failed, and its delegated task stopped.
    const stopped = await orchestrator.getTask({ id: first.running!.orchestrated });
    expect(stopped.status.state).toBe('TASK_STATE_FAILED');
    expect(textOf(stopped.status.message)).toContain('shut down');
    const delegated = await taskAgent.getTask({ id: first.running!.delegated });
    expect(['TASK_STATE_CANCELED', 'TASK_STATE_FAILED']).toContain(delegated.status.state);

    const answered = await orchestrator.sendMessage({
      message: userMessage('yes', {
        taskId: first.waiting!.id,
        contextId: first.waiting!.contextId,
      }),
    });
    expect(answered.task!.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('marks tasks a crash left running as failed when it starts again', async () => {
    const orchestrator = await connect(stack!.orchestratorUrl);
    const taskAgent = await connect(stack!.taskUrl);
    const { task: planned } = await orchestrator.sendMessage({
      message: userMessage('a very slow report chunks=3 delay=60000'),
    });
    await orchestrator.sendMessage({
      message: userMessage('yes', { taskId: planned!.id, contextId: planned!.contextId }),
      configuration: { returnImmediately: true },
    });
    const delegated = await waitFor(async () => {
      const { tasks } = await taskAgent.listTasks({ contextId: planned!.contextId });
      return tasks[0]?.status.state === 'TASK_STATE_WORKING' ? tasks[0] : undefined;
    }, 'the delegated task to work');
    await stack!.stop('SIGKILL');

    stack = await startStack(dataDir);
    expect(stack.output()).toContain('Marked 2 task(s) failed that a crash had left running');
    for (const [url, id] of [
      [stack.orchestratorUrl, planned!.id],
      [stack.taskUrl, delegated.id],
    ] as const) {
      const task = await (await connect(url)).getTask({ id });
      expect(task.status.state).toBe('TASK_STATE_FAILED');
      expect(textOf(task.status.message)).toBe(DEMO_RECOVERY_MESSAGE);
    }
    expect(await stack.stop('SIGTERM')).toBe(0);
    stack = undefined;
  });
});
