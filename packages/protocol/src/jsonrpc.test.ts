import { describe, expect, it } from 'vitest';

import { InvalidParamsError, InvalidRequestError, TaskNotFoundError } from './errors.js';
import {
  jsonRpcError,
  JsonRpcErrorResponseSchema,
  JsonRpcRequestSchema,
  JsonRpcResponseSchema,
  jsonRpcSuccess,
  JsonRpcSuccessResponseSchema,
  parseJsonRpcRequest,
} from './jsonrpc.js';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('response helpers', () => {
  it('builds a success response', () => {
    expect(overTheWire(jsonRpcSuccess(7, { task: { id: 't' } }))).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { task: { id: 't' } },
    });
    expect(jsonRpcSuccess('a', null)).toEqual({ jsonrpc: '2.0', id: 'a', result: null });
  });

  it('builds a 1.0 error response with ErrorInfo', () => {
    const error = new TaskNotFoundError(undefined, { metadata: { taskId: 't-9' } });
    const response = overTheWire(jsonRpcError('req-1', error, '1.0'));
    expect(Object.keys(response)).toEqual(['jsonrpc', 'id', 'error']);
    expect(Object.keys(response.error)).toEqual(['code', 'message', 'data']);
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 'req-1',
      error: {
        code: -32001,
        message: 'Task not found',
        data: [
          {
            '@type': ERROR_INFO,
            reason: 'TASK_NOT_FOUND',
            domain: 'a2a-protocol.org',
            metadata: { taskId: 't-9' },
          },
        ],
      },
    });
    expect(jsonRpcError('req-1', error, '1.0', '1.0.1')).toEqual(response);
  });

  it('builds a 0.3 error response with free-form data', () => {
    expect(overTheWire(jsonRpcError(3, new TaskNotFoundError(), '0.3'))).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32001, message: 'Task not found' },
    });
    const violations = [{ field: 'id', description: 'required' }];
    const invalid = new InvalidParamsError(undefined, { fieldViolations: violations });
    expect(overTheWire(jsonRpcError(null, invalid, '0.3'))).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32602, message: 'Invalid parameters', data: violations },
    });
  });

  it('produces responses the response schemas accept', () => {
    const success = jsonRpcSuccess(1, { ok: true });
    const failure = jsonRpcError(1, new TaskNotFoundError(), '1.0');
    expect(JsonRpcSuccessResponseSchema.parse(success)).toEqual(success);
    expect(JsonRpcErrorResponseSchema.parse(failure)).toEqual(failure);
    expect(JsonRpcResponseSchema.parse(success)).toEqual(success);
    expect(JsonRpcResponseSchema.parse(failure)).toEqual(failure);
  });

  it('rejects malformed responses', () => {
    expect(JsonRpcSuccessResponseSchema.safeParse({ jsonrpc: '2.0', id: 1 }).success).toBe(false);
    expect(
      JsonRpcErrorResponseSchema.safeParse({ jsonrpc: '2.0', id: 1, error: { code: 'x' } }).success,
    ).toBe(false);
    expect(JsonRpcResponseSchema.safeParse({ jsonrpc: '1.0', id: 1, result: 1 }).success).toBe(
      false,
    );
  });
});

describe('parseJsonRpcRequest', () => {
  it.each([
    [{ jsonrpc: '2.0', id: 'abc', method: 'GetTask', params: { id: 't' } }],
    [{ jsonrpc: '2.0', id: 42, method: 'SendMessage', params: {} }],
    [{ jsonrpc: '2.0', id: 0, method: 'GetTask' }],
    [{ jsonrpc: '2.0', id: null, method: 'GetTask' }],
    [{ jsonrpc: '2.0', method: 'message/send', params: { message: {} } }],
    [{ jsonrpc: '2.0', id: 1, method: '' }],
  ])('accepts %j', (input) => {
    const parsed = parseJsonRpcRequest(overTheWire(input));
    expect(parsed).toEqual({ ok: true, request: input });
    expect(JsonRpcRequestSchema.parse(input)).toEqual(input);
  });

  it('keeps a notification without an id key', () => {
    const parsed = parseJsonRpcRequest({ jsonrpc: '2.0', method: 'x' });
    expect(parsed.ok && 'id' in parsed.request).toBe(false);
  });

  it('drops unknown members', () => {
    expect(parseJsonRpcRequest({ jsonrpc: '2.0', id: 1, method: 'm', extra: true })).toEqual({
      ok: true,
      request: { jsonrpc: '2.0', id: 1, method: 'm' },
    });
  });

  it.each([
    // [label, input, id to echo, message]
    ['an empty batch', [], null, 'batch requests are not supported'],
    ['a batch', [{ jsonrpc: '2.0', id: 1, method: 'm' }], null, 'batch requests are not supported'],
    ['null', null, null, 'request must be a JSON object'],
    ['a string', 'GetTask', null, 'request must be a JSON object'],
    ['a number', 1, null, 'request must be a JSON object'],
    ['a boolean', true, null, 'request must be a JSON object'],
    [
      'an object id',
      { jsonrpc: '2.0', id: {}, method: 'm' },
      null,
      'id must be a string, a number or null',
    ],
    [
      'an array id',
      { jsonrpc: '2.0', id: [1], method: 'm' },
      null,
      'id must be a string, a number or null',
    ],
    [
      'a boolean id',
      { jsonrpc: '2.0', id: true, method: 'm' },
      null,
      'id must be a string, a number or null',
    ],
    [
      'a bad id and version',
      { jsonrpc: '1.0', id: false },
      null,
      'id must be a string, a number or null',
    ],
    ['no jsonrpc', { id: 5, method: 'm' }, 5, 'jsonrpc must be "2.0"'],
    ['jsonrpc 1.0', { jsonrpc: '1.0', id: 'a', method: 'm' }, 'a', 'jsonrpc must be "2.0"'],
    ['a numeric jsonrpc', { jsonrpc: 2.0, id: 'a', method: 'm' }, 'a', 'jsonrpc must be "2.0"'],
    ['no method', { jsonrpc: '2.0', id: 6 }, 6, 'method must be a string'],
    ['a numeric method', { jsonrpc: '2.0', id: 6, method: 1 }, 6, 'method must be a string'],
    ['a null method', { jsonrpc: '2.0', id: null, method: null }, null, 'method must be a string'],
    [
      'array params',
      { jsonrpc: '2.0', id: 7, method: 'm', params: [1] },
      7,
      'params must be an object',
    ],
    [
      'string params',
      { jsonrpc: '2.0', id: 7, method: 'm', params: 'x' },
      7,
      'params must be an object',
    ],
    [
      'null params',
      { jsonrpc: '2.0', id: 7, method: 'm', params: null },
      7,
      'params must be an object',
    ],
    [
      'numeric params',
      { jsonrpc: '2.0', method: 'm', params: 3 },
      null,
      'params must be an object',
    ],
  ])('rejects %s', (_label, input, id, message) => {
    const parsed = parseJsonRpcRequest(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.id).toBe(id);
    expect(parsed.error).toBeInstanceOf(InvalidRequestError);
    expect(InvalidRequestError.isInstance(parsed.error)).toBe(true);
    expect(overTheWire(jsonRpcError(parsed.id, parsed.error, '1.0'))).toEqual({
      jsonrpc: '2.0',
      id,
      error: {
        code: -32600,
        message,
        data: [{ '@type': ERROR_INFO, reason: 'INVALID_REQUEST', domain: 'a2a-protocol.org' }],
      },
    });
    expect(overTheWire(jsonRpcError(parsed.id, parsed.error, '0.3'))).toEqual({
      jsonrpc: '2.0',
      id,
      error: { code: -32600, message },
    });
    if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
      expect(JsonRpcRequestSchema.safeParse(input).success).toBe(false);
    }
  });

  it('rejects ids that JSON cannot carry', () => {
    const parsed = parseJsonRpcRequest({ jsonrpc: '2.0', id: Number.NaN, method: 'm' });
    expect(parsed).toMatchObject({ ok: false, id: null });
  });
});
