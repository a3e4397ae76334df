import { describe, expect, it } from 'vitest';

import {
  StreamResponseSchema,
  TaskArtifactUpdateEventSchema,
  TaskStatusUpdateEventSchema,
} from './stream-response.js';
import { parseProtocol } from './validation.js';

const task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_SUBMITTED' } };
const message = { messageId: 'm1', role: 'ROLE_AGENT', parts: [{ text: 'hi' }] };
const statusUpdate = { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_WORKING' } };
const artifactUpdate = {
  taskId: 't1',
  contextId: 'c1',
  artifact: { artifactId: 'a1', parts: [{ text: 'chunk' }] },
  append: true,
  lastChunk: false,
};
const PAYLOADS = { task, message, statusUpdate, artifactUpdate };

const fields = (result: { success: boolean; violations?: { field: string }[] }) =>
  result.violations?.map((v) => v.field) ?? [];

describe('StreamResponseSchema (oneof payload)', () => {
  it.each(Object.entries(PAYLOADS))('accepts a %s payload', (key, payload) => {
    expect(parseProtocol(StreamResponseSchema, { [key]: payload })).toEqual({
      success: true,
      data: { [key]: payload },
    });
  });

  it('rejects an empty response', () => {
    const result = parseProtocol(StreamResponseSchema, {});
    expect(result.success ? undefined : result.violations).toEqual([
      {
        field: '',
        description:
          'a stream response must have exactly one of task, message, statusUpdate or artifactUpdate; it has none',
      },
    ]);
  });

  it.each([
    ['task', 'message'],
    ['statusUpdate', 'artifactUpdate'],
    ['task', 'artifactUpdate'],
  ] as const)('rejects %s together with %s', (a, b) => {
    const result = parseProtocol(StreamResponseSchema, { [a]: PAYLOADS[a], [b]: PAYLOADS[b] });
    expect(fields(result)).toEqual(['']);
    expect(result.success ? '' : result.violations[0]!.description).toContain(
      `it has ${a} and ${b}`,
    );
  });

  it('accepts the snake_case wrapper names', () => {
    expect(StreamResponseSchema.parse({ status_update: statusUpdate })).toEqual({ statusUpdate });
    expect(StreamResponseSchema.parse({ artifact_update: artifactUpdate })).toEqual({
      artifactUpdate,
    });
  });

  it('does not accept a 0.3 bare event with `kind`', () => {
    expect(StreamResponseSchema.safeParse({ kind: 'status-update', ...statusUpdate }).success).toBe(
      false,
    );
  });

  it('reports errors inside the payload with its wrapper name', () => {
    const result = parseProtocol(StreamResponseSchema, {
      statusUpdate: { ...statusUpdate, status: { state: 'completed' } },
    });
    expect(fields(result)).toEqual(['statusUpdate.status.state']);
  });
});

describe('TaskStatusUpdateEventSchema', () => {
  it.each(['taskId', 'contextId', 'status'])('requires %s', (key) => {
    const event: Record<string, unknown> = { ...statusUpdate };
    delete event[key];
    expect(fields(parseProtocol(TaskStatusUpdateEventSchema, event))).toEqual([key]);
  });

  it('ignores the 0.3 `final` flag', () => {
    expect(TaskStatusUpdateEventSchema.parse({ ...statusUpdate, final: true })).toEqual(
      statusUpdate,
    );
  });
});

describe('TaskArtifactUpdateEventSchema', () => {
  it.each(['taskId', 'contextId', 'artifact'])('requires %s', (key) => {
    const event: Record<string, unknown> = { ...artifactUpdate };
    delete event[key];
    expect(fields(parseProtocol(TaskArtifactUpdateEventSchema, event))).toEqual([key]);
  });

  it('treats append and lastChunk as optional, snake_case accepted', () => {
    const { append: _a, lastChunk: _l, ...bare } = artifactUpdate;
    expect(TaskArtifactUpdateEventSchema.parse(bare)).toEqual(bare);
    expect(TaskArtifactUpdateEventSchema.parse({ ...bare, last_chunk: true })).toEqual({
      ...bare,
      lastChunk: true,
    });
  });

  it('ignores the `index` field of whats-new-v1.md, which is not in the proto (A2A.md §11.8)', () => {
    expect(TaskArtifactUpdateEventSchema.parse({ ...artifactUpdate, index: 0 })).toEqual(
      artifactUpdate,
    );
  });
});
