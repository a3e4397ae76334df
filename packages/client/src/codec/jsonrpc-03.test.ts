import { TaskNotFoundError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type CarrierResponse } from '../carrier/carrier.js';
import { type A2AClientError } from '../errors.js';
import { jsonRpc03 } from './jsonrpc-03.js';
import { JsonRpcCodec } from './jsonrpc-codec.js';

const codec = new JsonRpcCodec(jsonRpc03);
const ctx = { url: 'http://127.0.0.1:1/rpc', tenant: 'acme', extensions: ['urn:x:1'] };
const reply = (result: unknown): CarrierResponse => ({
  status: 200,
  headers: new Headers(),
  body: { jsonrpc: '2.0', id: '1', result },
  text: '',
});
const task03 = {
  kind: 'task',
  id: 't1',
  contextId: 'c1',
  status: { state: 'input-required', timestamp: '2025-01-01T00:00:00.000Z' },
  artifacts: [{ artifactId: 'a', parts: [{ kind: 'text', text: 'hi' }] }],
};

describe('JSON-RPC 0.3 codec', () => {
  it('speaks 0.3 method names and shapes, without a version header', () => {
    const request = codec.encode(
      'SendMessage',
      {
        tenant: 'ignored',
        message: {
          messageId: 'm',
          role: 'ROLE_USER',
          parts: [{ text: 'x' }, { url: 'http://f', mediaType: 'text/plain' }],
        },
        configuration: { returnImmediately: true },
      },
      ctx,
    );
    expect(request.headers.has('A2A-Version')).toBe(false);
    expect(request.headers.get('X-A2A-Extensions')).toBe('urn:x:1');
    expect(request.body).toMatchObject({
      method: 'message/send',
      params: {
        message: {
          kind: 'message',
          role: 'user',
          parts: [
            { kind: 'text', text: 'x' },
            { kind: 'file', file: { uri: 'http://f' } },
          ],
        },
        configuration: { blocking: false },
      },
    });
    expect(JSON.stringify(request.body)).not.toContain('tenant');
    const push = codec.encode('DeleteTaskPushNotificationConfig', { taskId: 't1', id: 'c1' }, ctx);
    expect(push.body).toMatchObject({
      method: 'tasks/pushNotificationConfig/delete',
      params: { id: 't1', pushNotificationConfigId: 'c1' },
    });
    expect(codec.encode('GetExtendedAgentCard', {}, ctx).body).not.toHaveProperty('params');
  });

  it('has no ListTasks', () => {
    expect(codec.supports('ListTasks')).toBe(false);
    expect(() => codec.encode('ListTasks', {}, ctx)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }),
    );
  });

  it('returns canonical 1.0 results and events', () => {
    const sent = codec.decodeResponse('SendMessage', reply(task03));
    expect(sent.task?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(sent.task?.artifacts?.[0]?.parts).toEqual([{ text: 'hi' }]);
    expect(codec.decodeResponse('DeleteTaskPushNotificationConfig', reply(null))).toEqual({});
    const configs = codec.decodeResponse(
      'ListTaskPushNotificationConfigs',
      reply([{ taskId: 't1', pushNotificationConfig: { id: 'p', url: 'http://h' } }]),
    );
    expect(configs).toEqual({
      configs: [{ taskId: 't1', id: 'p', url: 'http://h' }],
      nextPageToken: '',
    });
    const event = codec.decodeEvent('SendStreamingMessage', {
      data: {
        jsonrpc: '2.0',
        id: '1',
        result: {
          kind: 'status-update',
          taskId: 't1',
          contextId: 'c1',
          status: { state: 'completed' },
          final: true,
        },
      },
    });
    expect(event.statusUpdate?.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('rebuilds 0.3 errors and rejects shapes that do not fit', () => {
    let error: unknown;
    try {
      codec.decodeResponse('GetTask', {
        status: 200,
        headers: new Headers(),
        body: { jsonrpc: '2.0', id: '1', error: { code: -32001, message: 'gone' } },
        text: '',
      });
    } catch (e) {
      error = e;
    }
    expect(TaskNotFoundError.isInstance(error)).toBe(true);
    expect(() => codec.decodeResponse('GetTask', reply({ kind: 'task', id: 't' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE' }) as A2AClientError,
    );
  });
});
