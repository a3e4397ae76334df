import { describe, expect, it } from 'vitest';

import { OPERATION_SCHEMAS } from '../operation-types.js';
import { type ParseResult } from '../validation.js';
import { decodeStreamEvent03 } from './v03-events.js';
import { decodeParams03 } from './v03-operations.js';

/**
 * The streaming example of the A2A 0.3.0 specification (docs/specification.md §9.3), in its
 * shapes and ids; prose values are shortened. Its file part breaks the 0.3 schema and must fail
 * with the right 0.3 path.
 */

function fields<T>(result: ParseResult<T>): string[] {
  return result.success ? [] : result.violations.map((violation) => violation.field);
}

function expectOk<T>(result: ParseResult<T>): T {
  expect(fields(result)).toStrictEqual([]);
  if (!result.success) throw new Error('unreachable');
  return result.data;
}

describe('§9.3 streaming', () => {
  const filePart = { kind: 'file', file: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } };

  it('the spec file part carries `data` instead of `bytes` and fails on the file', () => {
    const params = {
      message: {
        role: 'user',
        parts: [{ kind: 'text', text: 'write a long paper' }, filePart],
        messageId: 'bbb7dee1-cf5c-4683-8a6f-4114529da5eb',
      },
      metadata: {},
    };
    expect(fields(decodeParams03('SendStreamingMessage', params))).toStrictEqual([
      'message.parts[1].file',
    ]);
  });

  it('every event decodes; a zone-less timestamp is read as UTC; final ends the stream', () => {
    const taskId = '225d6247-06ba-4cda-a08b-33ae35c8dcfa';
    const contextId = '05217e44-7e9f-473e-ab4f-2c2dde50a2b1';
    const chunk = (text: string, append: boolean, lastChunk: boolean) => ({
      taskId,
      contextId,
      artifact: { artifactId: '9b6934dd', parts: [{ kind: 'text', text }] },
      append,
      lastChunk,
      kind: 'artifact-update',
    });
    const events = [
      {
        id: taskId,
        contextId,
        status: { state: 'submitted', timestamp: '2025-04-02T16:59:25.331844' },
        history: [
          {
            role: 'user',
            parts: [{ kind: 'text', text: 'write a long paper' }],
            messageId: 'bbb7dee1-cf5c-4683-8a6f-4114529da5eb',
            taskId,
            contextId,
          },
        ],
        kind: 'task',
        metadata: {},
      },
      chunk('<section 1...>', false, false),
      chunk('<section 2...>', true, false),
      chunk('<section 3...>', true, true),
      {
        taskId,
        contextId,
        status: { state: 'completed', timestamp: '2025-04-02T16:59:35.331844' },
        final: true,
        kind: 'status-update',
      },
    ];
    const decoded = events.map((event) => expectOk(decodeStreamEvent03(event)));
    expect(decoded.map((item) => item.final)).toStrictEqual([false, false, false, false, true]);
    expect(decoded[0]?.event.task?.status.timestamp).toBe('2025-04-02T16:59:25.331844Z');
    expect(decoded[3]?.event.artifactUpdate).toMatchObject({ append: true, lastChunk: true });
    expect(decoded[4]?.event.statusUpdate?.status.state).toBe('TASK_STATE_COMPLETED');
    for (const { event } of decoded) {
      expect(OPERATION_SCHEMAS.SendStreamingMessage.result.safeParse(event).success).toBe(true);
    }
    const { final: _final, ...noFinal } = events[4] as Record<string, unknown>;
    expect(fields(decodeStreamEvent03(noFinal))).toStrictEqual(['final']);
  });
});
