import { type Message, type StreamResponse, type Task } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { applyTaskEvent } from './task-reducer.js';

const base: Task = {
  id: 't1',
  contextId: 'c1',
  status: { state: 'TASK_STATE_SUBMITTED' },
  history: [{ messageId: 'u1', role: 'ROLE_USER', parts: [{ text: 'hi' }] }],
};

const agent = (messageId: string, text = messageId): Message => ({
  messageId,
  role: 'ROLE_AGENT',
  parts: [{ text }],
  taskId: 't1',
  contextId: 'c1',
});

const artifact = (
  artifactId: string,
  text: string,
  chunk: { append?: boolean } = {},
): StreamResponse => ({
  artifactUpdate: {
    taskId: 't1',
    contextId: 'c1',
    artifact: { artifactId, parts: [{ text }] },
    ...chunk,
  },
});

describe('applyTaskEvent', () => {
  it('replaces the status and appends its message to the history', () => {
    const next = applyTaskEvent(base, {
      statusUpdate: {
        taskId: 't1',
        contextId: 'c1',
        status: { state: 'TASK_STATE_WORKING', message: agent('a1') },
      },
    });
    expect(next.status.state).toBe('TASK_STATE_WORKING');
    expect(next.history?.map((m) => m.messageId)).toEqual(['u1', 'a1']);
    expect(base.status.state).toBe('TASK_STATE_SUBMITTED');
    expect(base.history).toHaveLength(1);
  });

  it('appends a message once, even when it comes twice', () => {
    const once = applyTaskEvent(base, { message: agent('a1') });
    const twice = applyTaskEvent(once, { message: agent('a1') });
    expect(twice.history?.map((m) => m.messageId)).toEqual(['u1', 'a1']);
  });

  it('drops the oldest messages beyond maxHistory', () => {
    let task = base;
    for (let i = 0; i < 5; i++)
      task = applyTaskEvent(task, { message: agent(`a${i}`) }, { maxHistory: 3 });
    expect(task.history?.map((m) => m.messageId)).toEqual(['a2', 'a3', 'a4']);
  });

  it('merges appended chunks into the artifact with the same id', () => {
    let task = applyTaskEvent(base, artifact('x', 'one'));
    task = applyTaskEvent(task, artifact('y', 'other'));
    task = applyTaskEvent(task, artifact('x', 'two', { append: true }));
    expect(task.artifacts?.map((a) => a.artifactId)).toEqual(['x', 'y']);
    expect(task.artifacts?.[0]?.parts.map((p) => p.text)).toEqual(['one', 'two']);
  });

  it('treats an appended chunk of an unknown artifact as a new artifact', () => {
    const task = applyTaskEvent(base, artifact('new', 'first', { append: true }));
    expect(task.artifacts).toEqual([{ artifactId: 'new', parts: [{ text: 'first' }] }]);
  });

  it('replaces an artifact in place when the update does not append', () => {
    let task = applyTaskEvent(base, artifact('x', 'one'));
    task = applyTaskEvent(task, artifact('y', 'other'));
    task = applyTaskEvent(task, artifact('x', 'replaced'));
    expect(task.artifacts?.map((a) => a.parts[0]?.text)).toEqual(['replaced', 'other']);
  });

  it('keeps later names and merges metadata of appended chunks', () => {
    let task = applyTaskEvent(base, {
      artifactUpdate: {
        taskId: 't1',
        contextId: 'c1',
        artifact: { artifactId: 'x', name: 'draft', parts: [{ text: 'a' }], metadata: { a: 1 } },
      },
    });
    task = applyTaskEvent(task, {
      artifactUpdate: {
        taskId: 't1',
        contextId: 'c1',
        append: true,
        artifact: { artifactId: 'x', name: 'final', parts: [{ text: 'b' }], metadata: { b: 2 } },
      },
    });
    expect(task.artifacts?.[0]).toMatchObject({ name: 'final', metadata: { a: 1, b: 2 } });
  });

  it('takes a task event as the whole snapshot', () => {
    const snapshot: Task = { ...base, status: { state: 'TASK_STATE_WORKING' } };
    expect(applyTaskEvent(base, { task: snapshot })).toEqual(snapshot);
  });
});
