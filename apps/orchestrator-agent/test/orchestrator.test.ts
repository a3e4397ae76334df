import { textOf, userMessage } from '@baton/client';
import { type Task } from '@baton/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type RunningAgent,
  type RunningOrchestrator,
  startEchoAgent,
  startOrchestrator,
  startTaskAgent,
  unusedUrl,
  waitFor,
} from './agents.js';

let echo: RunningAgent;
let tasks: RunningAgent;
let orchestrator: RunningOrchestrator;

beforeAll(async () => {
  [echo, tasks] = await Promise.all([startEchoAgent(), startTaskAgent()]);
  orchestrator = await startOrchestrator({
    echoAgentUrl: echo.url,
    taskAgentUrl: tasks.url,
    reportChunks: 2,
    reportDelayMs: 10,
  });
});
afterAll(async () => {
  await orchestrator?.close();
  await Promise.all([echo?.close(), tasks?.close()]);
});

/** Sends a request and returns the input-required task with the plan. */
async function propose(text: string): Promise<Task> {
  const { task } = await orchestrator.client.sendMessage({ message: userMessage(text) });
  expect(task?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
  return task!;
}

/** Answers the plan (blocking) and returns the task as the answer left it. */
async function answer(task: Task, text: string, returnImmediately = false): Promise<Task> {
  const result = await orchestrator.client.sendMessage({
    message: userMessage(text, { taskId: task.id, contextId: task.contextId }),
    configuration: { returnImmediately },
  });
  return result.task!;
}

describe('orchestrator agent', () => {
  it('asks to confirm a plan, then delegates, streams progress and assembles the result', async () => {
    const planned = await propose('compare Lisbon and Porto; then plan a weekend');
    const question = textOf(planned.status.message);
    expect(question).toContain('1. Echo Agent: acknowledge the request');
    expect(question).toContain('2. Task Agent: report on "compare Lisbon and Porto"');
    expect(question).toContain('3. Task Agent: report on "plan a weekend"');

    const events = [];
    const stream = orchestrator.client.sendStreamingMessage({
      message: userMessage('yes', { taskId: planned.id, contextId: planned.contextId }),
    });
    for await (const event of stream) events.push(event);
    const statuses = events.flatMap((e) => (e.statusUpdate ? [e.statusUpdate.status] : []));
    expect(statuses.at(-1)?.state).toBe('TASK_STATE_COMPLETED');
    const said = statuses.map((s) => (s.message ? textOf(s.message) : ''));
    expect(said).toContain(
      '[1/3 Echo Agent] acknowledge the request: replied "echo: compare Lisbon and Porto; then plan a weekend"',
    );
    expect(said.some((s) => s.startsWith('[2/3 Task Agent] working: Writing 2 chunks'))).toBe(true);
    expect(said.some((s) => s.startsWith('[3/3 Task Agent] completed: Report written'))).toBe(true);
    const chunks = events.filter((e) => e.artifactUpdate?.artifact.artifactId === 'subtask-2-1');
    expect(chunks).toHaveLength(2);
    expect(chunks[1]!.artifactUpdate).toMatchObject({ append: true, lastChunk: true });

    const done = await orchestrator.client.getTask({ id: planned.id });
    const result = done.artifacts!.find((a) => a.artifactId === 'result')!;
    expect(textOf(result)).toContain('echo: compare Lisbon and Porto; then plan a weekend');
    expect(textOf(result)).toContain('chunk 2/2 about "plan a weekend chunks=2 delay=10"');
    const subtasks = result.metadata!.subtasks as { taskId?: string; state: string }[];
    expect(subtasks.map((s) => s.state)).toEqual([
      'direct-reply',
      'TASK_STATE_COMPLETED',
      'TASK_STATE_COMPLETED',
    ]);
    // The delegated tasks live on the task agent, in the orchestrator task's context.
    const listed = await tasks.client.listTasks({ contextId: planned.contextId });
    expect(listed.tasks.map((t) => t.id).sort()).toEqual(
      subtasks.flatMap((s) => (s.taskId ? [s.taskId] : [])).sort(),
    );
    expect(listed.tasks.every((t) => t.status.state === 'TASK_STATE_COMPLETED')).toBe(true);
  });

  it('runs only the subtasks the user picks', async () => {
    const planned = await propose('one thing; another thing');
    const done = await answer(planned, '2');
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    const result = done.artifacts!.find((a) => a.artifactId === 'result')!;
    expect((result.metadata!.subtasks as unknown[]).length).toBe(1);
    expect(textOf(result)).toContain('report on "one thing"');
    expect(textOf(result)).not.toContain('report on "another thing"');
  });

  it('asks again on an unclear answer and stops on "no" without delegating', async () => {
    const planned = await propose('something');
    const again = await answer(planned, 'maybe later');
    expect(again.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(textOf(again.status.message)).toContain('I did not understand "maybe later"');
    const bad = await answer(again, '7');
    expect(textOf(bad.status.message)).toContain('There is no subtask 7');
    const stopped = await answer(bad, 'no');
    expect(stopped.status.state).toBe('TASK_STATE_CANCELED');
    const listed = await tasks.client.listTasks({ contextId: planned.contextId });
    expect(listed.tasks).toHaveLength(0);
  });

  it('cancels its delegated tasks when it is canceled', async () => {
    const planned = await propose('a slow report chunks=5 delay=5000');
    await answer(planned, 'yes', true);
    const delegated = await waitFor(async () => {
      const { tasks: found } = await tasks.client.listTasks({ contextId: planned.contextId });
      return found[0]?.status.state === 'TASK_STATE_WORKING' ? found[0] : undefined;
    }, 'the delegated task to start');
    const canceled = await orchestrator.client.cancelTask({ id: planned.id });
    expect(canceled.status.state).toBe('TASK_STATE_CANCELED');
    const after = await tasks.client.getTask({ id: delegated.id });
    expect(after.status.state).toBe('TASK_STATE_CANCELED');
    await waitFor(
      async () => (orchestrator.executor.delegations.size === 0 ? true : undefined),
      'cleanup',
    );
  });

  it('cancels a delegated task even when the cancel comes before its id is known', async () => {
    const planned = await propose('another slow report chunks=5 delay=5000');
    await answer(planned, '2', true);
    await orchestrator.client.cancelTask({ id: planned.id });
    const delegated = await waitFor(async () => {
      const { tasks: found } = await tasks.client.listTasks({ contextId: planned.contextId });
      return found.length > 0 && found.every((t) => t.status.state === 'TASK_STATE_CANCELED')
        ? found
        : undefined;
    }, 'the delegated task to be canceled');
    expect(delegated).toHaveLength(1);
  });
});

describe('orchestrator agent with an unreachable delegate', () => {
  it('fails the task with a message naming the agent and its URL', async () => {
    const url = await unusedUrl();
    const lonely = await startOrchestrator({ echoAgentUrl: echo.url, taskAgentUrl: url });
    try {
      const { task } = await lonely.client.sendMessage({ message: userMessage('anything') });
      expect(task!.status.state).toBe('TASK_STATE_FAILED');
      const message = textOf(task!.status.message);
      expect(message).toContain(`Cannot reach the task agent at ${url}`);
      expect(message).toMatch(/ECONNREFUSED|fetch failed/);
    } finally {
      await lonely.close();
    }
  });

  it('fails clearly when a delegate goes away between the plan and the answer', async () => {
    const shortLived = await startTaskAgent();
    const orch = await startOrchestrator({
      echoAgentUrl: echo.url,
      taskAgentUrl: shortLived.url,
      reportDelayMs: 10,
    });
    try {
      const { task } = await orch.client.sendMessage({ message: userMessage('a report') });
      expect(task!.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
      await shortLived.close();
      const failed = await orch.client.sendMessage({
        message: userMessage('yes', { taskId: task!.id, contextId: task!.contextId }),
      });
      expect(failed.task!.status.state).toBe('TASK_STATE_FAILED');
      expect(textOf(failed.task!.status.message)).toContain(`at ${shortLived.url}`);
    } finally {
      await orch.close();
    }
  });
});
