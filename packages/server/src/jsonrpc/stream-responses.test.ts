import {
  DEFAULT_ERROR_MAPPING_VARIANT,
  type StreamResponse,
  TaskNotFoundError,
} from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';
import { withSequence } from '../task-event.js';
import { encodeStream } from './stream-responses.js';
import { DIALECT_10 } from './wire-dialect.js';

const status = (state: 'TASK_STATE_WORKING' | 'TASK_STATE_COMPLETED'): StreamResponse => ({
  statusUpdate: {
    taskId: 't',
    contextId: 'c',
    status: { state, timestamp: '2026-11-21T00:00:00.000Z' },
  },
});

/** A source that yields `items`, then fails with `error` (if any); records `return()`. */
function source(items: StreamResponse[], error?: Error, syncThrow = false) {
  const calls = { returned: 0 };
  const iterable: AsyncIterable<StreamResponse> = {
    [Symbol.asyncIterator]: () => {
      let at = 0;
      return {
        next() {
          if (at < items.length) return Promise.resolve({ done: false, value: items[at++]! });
          if (error === undefined) return Promise.resolve({ done: true, value: undefined });
          if (syncThrow) throw error;
          return Promise.reject(error);
        },
        return() {
          calls.returned++;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return { iterable, calls };
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('encodeStream', () => {
  it('wraps each item in a JSON-RPC response with the request id and its sequence number', async () => {
    const { iterable } = source([
      withSequence(status('TASK_STATE_WORKING'), 2),
      status('TASK_STATE_COMPLETED'),
    ]);
    const items = await collect(
      encodeStream(iterable, 7, DIALECT_10, DEFAULT_ERROR_MAPPING_VARIANT, silentLogger),
    );
    expect(items).toEqual([
      { seq: 2, body: { jsonrpc: '2.0', id: 7, result: status('TASK_STATE_WORKING') } },
      { seq: undefined, body: { jsonrpc: '2.0', id: 7, result: status('TASK_STATE_COMPLETED') } },
    ]);
  });

  it.each([
    ['rejects', false],
    ['throws', true],
  ])('ends with one error response when the source %s, then stays done', async (_, sync) => {
    const { iterable } = source([status('TASK_STATE_WORKING')], new TaskNotFoundError(), sync);
    const iterator = encodeStream(
      iterable,
      'x',
      DIALECT_10,
      DEFAULT_ERROR_MAPPING_VARIANT,
      silentLogger,
    )[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const failure = await iterator.next();
    expect(failure).toMatchObject({
      done: false,
      value: { body: { jsonrpc: '2.0', id: 'x', error: { code: new TaskNotFoundError().code } } },
    });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('closes the source on return()', async () => {
    const { iterable, calls } = source([
      status('TASK_STATE_WORKING'),
      status('TASK_STATE_COMPLETED'),
    ]);
    const iterator = encodeStream(
      iterable,
      1,
      DIALECT_10,
      DEFAULT_ERROR_MAPPING_VARIANT,
      silentLogger,
    )[Symbol.asyncIterator]();
    await iterator.next();
    expect(await iterator.return!()).toEqual({ done: true, value: undefined });
    expect(calls.returned).toBe(1);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
