import { describe, expect, it } from 'vitest';

import { decodeStreamEvent03, encodeStreamEvent03 } from './v03-events.js';

const status = { taskId: 't', contextId: 'c', status: { state: 'TASK_STATE_WORKING' as const } };

describe('encodeStreamEvent03', () => {
  it('writes final on status updates only', () => {
    expect(encodeStreamEvent03({ statusUpdate: status }, true)).toStrictEqual({
      kind: 'status-update',
      taskId: 't',
      contextId: 'c',
      status: { state: 'working' },
      final: true,
    });
    const task = { id: 't', contextId: 'c', status: { state: 'TASK_STATE_COMPLETED' as const } };
    expect(encodeStreamEvent03({ task }, true)).not.toHaveProperty('final');
  });
});

describe('decodeStreamEvent03', () => {
  it('reports final: the flag of a status update, true for a message', () => {
    const message = {
      kind: 'message',
      messageId: 'm',
      role: 'agent',
      parts: [{ kind: 'text', text: 'x' }],
    };
    expect(decodeStreamEvent03(message)).toMatchObject({ success: true, data: { final: true } });
    const update = {
      kind: 'status-update',
      taskId: 't',
      contextId: 'c',
      status: { state: 'failed' },
      final: false,
    };
    expect(decodeStreamEvent03(update)).toMatchObject({
      success: true,
      data: { final: false, event: { statusUpdate: { status: { state: 'TASK_STATE_FAILED' } } } },
    });
  });

  it('infers kind from the members when it is missing', () => {
    const update = { taskId: 't', contextId: 'c', status: { state: 'working' }, final: false };
    expect(decodeStreamEvent03(update)).toMatchObject({
      success: true,
      data: { event: { statusUpdate: {} } },
    });
    const artifact = {
      taskId: 't',
      contextId: 'c',
      artifact: { artifactId: 'a', parts: [{ text: 'x' }] },
    };
    expect(decodeStreamEvent03(artifact)).toMatchObject({
      success: true,
      data: { event: { artifactUpdate: {} } },
    });
    expect(decodeStreamEvent03({ foo: 1 })).toMatchObject({
      success: false,
      violations: [{ field: 'kind' }],
    });
    expect(decodeStreamEvent03({ ...update, kind: 'task' })).toMatchObject({ success: false });
  });
});
