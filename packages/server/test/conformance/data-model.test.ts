// A2A.md §10 "Data model" (DM-*): responses have the required fields, camelCase keys, ProtoJSON
// enum names, ISO 8601 UTC timestamps and one-of parts; ListTasks has all four fields.
import {
  ListTasksResponseSchema,
  parseProtocol,
  StreamResponseSchema,
  type Task,
  TASK_STATES,
  TaskSchema,
} from '@baton/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type DefaultRequestHandler } from '../../src/index.js';
import { collect, handlerWith, scenarioExecutor, userMessage } from '../helpers.js';
import { allTargets, type Target, TARGET_NAMES } from '../targets.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Every key of a JSON value, recursively, except inside metadata / data (free-form). */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push(key);
      if (key !== 'metadata' && key !== 'data') keysOf(child, out);
    }
  }
  return out;
}

function expectWellFormedTask(task: Task): void {
  const json = JSON.parse(JSON.stringify(task)) as Task;
  expect(parseProtocol(TaskSchema, json).success).toBe(true);
  expect(json.id).toBeTruthy();
  expect(json.contextId).toBeTruthy();
  expect(TASK_STATES).toContain(json.status.state);
  expect(json.status.timestamp).toMatch(ISO_UTC);
  for (const key of keysOf(json)) {
    expect(key).not.toContain('_');
    expect(key).not.toBe('kind');
  }
  for (const message of json.history ?? []) {
    expect(['ROLE_USER', 'ROLE_AGENT']).toContain(message.role);
    expect(message.parts.length).toBeGreaterThan(0);
  }
  for (const part of [...(json.history ?? []), ...(json.artifacts ?? [])].flatMap((x) => x.parts)) {
    const kinds = ['text', 'raw', 'url', 'data'].filter((k) => k in part);
    expect(kinds).toHaveLength(1);
  }
}

describe.each(TARGET_NAMES)('data model of responses via %s', (name) => {
  let handler: DefaultRequestHandler;
  let target: Target;

  beforeEach(() => {
    handler = handlerWith(scenarioExecutor());
    target = allTargets(handler).find((t) => t.name === name)!;
  });
  afterEach(() => handler.close({ graceMs: 50 }));

  it('tasks from SendMessage, GetTask and CancelTask are well-formed', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('hello') });
    expectWellFormedTask(task!);
    expectWellFormedTask(await target.call('GetTask', { id: task!.id }));
    const open = await target.call('SendMessage', { message: userMessage('input') });
    expectWellFormedTask(await target.call('CancelTask', { id: open.task!.id }));
  });

  it('agent messages carry ids, the agent role and their task and context', async () => {
    const { task } = await target.call('SendMessage', { message: userMessage('hello') });
    const agentMessages = task!.history!.filter((m) => m.role === 'ROLE_AGENT');
    expect(agentMessages.length).toBeGreaterThan(0);
    for (const message of agentMessages) {
      expect(message).toMatchObject({ taskId: task!.id, contextId: task!.contextId });
      expect(message.messageId).toBeTruthy();
    }
  });

  it('stream items are well-formed StreamResponses', async () => {
    const items = await collect(
      await target.stream('SendStreamingMessage', { message: userMessage('go') }),
    );
    for (const { event } of items) {
      expect(parseProtocol(StreamResponseSchema, JSON.parse(JSON.stringify(event))).success).toBe(
        true,
      );
      const update = event.statusUpdate ?? event.artifactUpdate;
      if (update) expect(update.contextId).toBeTruthy();
    }
  });
});

describe('data model of ListTasks', () => {
  it('always has tasks, nextPageToken, pageSize and totalSize; artifacts only on request', async () => {
    const handler = handlerWith(scenarioExecutor());
    const empty = JSON.parse(JSON.stringify(await handler.listTasks({}))) as Record<
      string,
      unknown
    >;
    expect(empty).toEqual({ tasks: [], nextPageToken: '', pageSize: 0, totalSize: 0 });
    await handler.sendMessage({ message: userMessage('hello') });
    const plain = await handler.listTasks({});
    expect(ListTasksResponseSchema.safeParse(plain).success).toBe(true);
    expect('artifacts' in plain.tasks[0]!).toBe(false);
    const withArtifacts = await handler.listTasks({ includeArtifacts: true });
    expect(withArtifacts.tasks[0]?.artifacts).toHaveLength(1);
    await handler.close();
  });
});
