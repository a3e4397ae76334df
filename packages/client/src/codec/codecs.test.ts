import { InvalidParamsError, TaskNotFoundError, UnsupportedOperationError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type CarrierResponse } from '../carrier/carrier.js';
import { A2AClientError } from '../errors.js';
import { jsonRpc10 } from './jsonrpc-10.js';
import { JsonRpcCodec } from './jsonrpc-codec.js';
import { RestCodec } from './rest-codec.js';

const ctx = { url: 'http://127.0.0.1:1/a2a/', tenant: 'acme', extensions: ['urn:x:1', 'urn:y:1'] };
const reply = (body: unknown, status = 200): CarrierResponse => ({
  status,
  headers: new Headers(),
  body,
  text: JSON.stringify(body) ?? '',
});
const task = { id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_COMPLETED' } };

describe('JSON-RPC 1.0 codec', () => {
  const codec = new JsonRpcCodec(jsonRpc10);

  it('posts the envelope with the tenant and the service parameters', () => {
    const request = codec.encode('GetTask', { id: 't1' }, ctx);
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe('http://127.0.0.1:1/a2a/');
    expect(request.body).toMatchObject({
      jsonrpc: '2.0',
      method: 'GetTask',
      params: { id: 't1', tenant: 'acme' },
    });
    expect(request.headers.get('A2A-Version')).toBe('1.0');
    expect(request.headers.get('A2A-Extensions')).toBe('urn:x:1,urn:y:1');
  });

  it('decodes results, snake_case included, into canonical types', () => {
    const result = codec.decodeResponse(
      'GetTask',
      reply({ jsonrpc: '2.0', id: 1, result: { ...task, context_id: 'c9' } }),
    );
    expect(result.status.state).toBe('TASK_STATE_COMPLETED');
    const sent = codec.decodeResponse(
      'SendMessage',
      reply({ jsonrpc: '2.0', id: 1, result: { task } }),
    );
    expect(sent.task?.id).toBe('t1');
  });

  it('rebuilds A2A errors as protocol classes, whatever the HTTP status', () => {
    const error = { code: -32001, message: 'Task not found' };
    expect(() => codec.decodeResponse('GetTask', reply({ jsonrpc: '2.0', id: 1, error }))).toThrow(
      expect.objectContaining({ code: -32001 }),
    );
    try {
      codec.decodeResponse('GetTask', reply({ jsonrpc: '2.0', id: 1, error }, 404));
    } catch (e) {
      expect(TaskNotFoundError.isInstance(e)).toBe(true);
    }
  });

  it('gives HTTP_ERROR with status and body for a non-JSON-RPC failure', () => {
    const response: CarrierResponse = {
      status: 502,
      headers: new Headers(),
      body: undefined,
      text: 'bad gateway',
    };
    const error = (() => {
      try {
        codec.decodeResponse('GetTask', response);
      } catch (e) {
        return e;
      }
    })();
    expect(A2AClientError.isInstance(error, 'HTTP_ERROR')).toBe(true);
    expect(error).toMatchObject({ status: 502, body: 'bad gateway' });
  });

  it('gives INVALID_RESPONSE for a result that does not fit', () => {
    expect(() =>
      codec.decodeResponse('GetTask', reply({ jsonrpc: '2.0', id: 1, result: { id: 't1' } })),
    ).toThrow(/GetTask result is invalid: status/);
  });

  it('gives INVALID_RESPONSE, not a stack overflow, for metadata nested 10,000 deep', () => {
    let metadata: unknown = 1;
    for (let i = 0; i < 10_000; i++) metadata = { a: metadata };
    // The body as the carrier parsed it (this process could not stringify it back).
    const body = { jsonrpc: '2.0', id: 1, result: { ...task, metadata } };
    const decode = () =>
      codec.decodeResponse('GetTask', { status: 200, headers: new Headers(), body, text: '' });
    expect(decode).toThrow(A2AClientError);
    expect(decode).toThrow(/metadata: must not nest more than 100 levels/);
  });

  it('decodes stream events and error events', () => {
    const event = codec.decodeEvent('SendStreamingMessage', {
      data: {
        jsonrpc: '2.0',
        id: 1,
        result: {
          statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_WORKING' } },
        },
      },
    });
    expect(event.statusUpdate?.status.state).toBe('TASK_STATE_WORKING');
    expect(() =>
      codec.decodeEvent('SendStreamingMessage', {
        data: { jsonrpc: '2.0', id: 1, error: { code: -32004, message: 'no' } },
      }),
    ).toThrow(expect.objectContaining({ code: -32004 }));
  });

  it('accepts list answers that drop ProtoJSON defaults', () => {
    const result = codec.decodeResponse(
      'ListTaskPushNotificationConfigs',
      reply({ jsonrpc: '2.0', id: 1, result: {} }),
    );
    expect(result).toEqual({ configs: [], nextPageToken: '' });
  });
});

describe('REST 1.0 codec', () => {
  const codec = new RestCodec();

  it('builds routes with the tenant prefix, path and query parameters', () => {
    const get = codec.encode('GetTask', { id: 'a/b', historyLength: 2 }, ctx);
    expect(get.method).toBe('GET');
    expect(get.url.href).toBe('http://127.0.0.1:1/a2a/acme/tasks/a%2Fb?historyLength=2');
    expect(get.body).toBeUndefined();
    const list = codec.encode(
      'ListTasks',
      { status: 'TASK_STATE_WORKING', includeArtifacts: true },
      { url: ctx.url },
    );
    expect(list.url.href).toBe(
      'http://127.0.0.1:1/a2a/tasks?status=TASK_STATE_WORKING&includeArtifacts=true',
    );
    const cancel = codec.encode('CancelTask', { id: 't1' }, { url: ctx.url });
    expect([cancel.method, cancel.url.pathname, cancel.body]).toEqual([
      'POST',
      '/a2a/tasks/t1:cancel',
      undefined,
    ]);
    const create = codec.encode(
      'CreateTaskPushNotificationConfig',
      { taskId: 't1', url: 'http://hook' },
      { url: ctx.url },
    );
    expect([create.url.pathname, create.body]).toEqual([
      '/a2a/tasks/t1/pushNotificationConfigs',
      { url: 'http://hook' },
    ]);
    const del = codec.encode(
      'DeleteTaskPushNotificationConfig',
      { taskId: 't1', id: 'c1' },
      { url: ctx.url },
    );
    expect([del.method, del.url.pathname]).toEqual([
      'DELETE',
      '/a2a/tasks/t1/pushNotificationConfigs/c1',
    ]);
    const send = codec.encode(
      'SendMessage',
      { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'x' }] } },
      ctx,
    );
    expect(send.headers.get('A2A-Version')).toBe('1.0');
    expect(send.url.pathname).toBe('/a2a/acme/message:send');
  });

  it('rebuilds google.rpc.Status errors and maps bare failures to HTTP_ERROR', () => {
    const info = (reason: string) => ({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason,
      domain: 'a2a-protocol.org',
    });
    const failure = (status: number, body: unknown, text = JSON.stringify(body)): unknown => {
      try {
        codec.decodeResponse('GetTask', { status, headers: new Headers(), body, text });
      } catch (e) {
        return e;
      }
    };
    const unsupported = failure(400, {
      error: {
        code: 400,
        status: 'FAILED_PRECONDITION',
        message: 'no',
        details: [info('UNSUPPORTED_OPERATION')],
      },
    });
    expect(UnsupportedOperationError.isInstance(unsupported)).toBe(true);
    const invalid = failure(400, {
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'x',
        details: [info('INVALID_PARAMS')],
      },
    });
    expect(InvalidParamsError.isInstance(invalid)).toBe(true);
    const bare = failure(503, undefined, 'down');
    expect(A2AClientError.isInstance(bare, 'HTTP_ERROR')).toBe(true);
    expect(bare).toMatchObject({ status: 503, body: 'down' });
  });

  it('reads an empty 204 delete as Empty', () => {
    expect(
      codec.decodeResponse('DeleteTaskPushNotificationConfig', {
        status: 204,
        headers: new Headers(),
        body: undefined,
        text: '',
      }),
    ).toEqual({});
  });
});
