import { describe, expect, it } from 'vitest';

import { deriveFinal03 } from './v03-events.js';
import {
  decodeParams03,
  decodeResult03,
  encodeParams03,
  encodeResult03,
} from './v03-operations.js';

const message03 = {
  kind: 'message',
  messageId: 'm1',
  role: 'user',
  parts: [{ kind: 'text', text: 'hi' }],
};

describe('decodeParams03 specifics', () => {
  it('maps blocking to returnImmediately and leaves it unset when blocking is unset', () => {
    const send = (configuration: object) =>
      decodeParams03('SendMessage', { message: message03, configuration });
    expect(send({ blocking: true })).toMatchObject({
      data: { configuration: { returnImmediately: false } },
    });
    expect(send({ blocking: false })).toMatchObject({
      data: { configuration: { returnImmediately: true } },
    });
    const unset = send({});
    expect(unset.success && unset.data.configuration).toStrictEqual({});
  });

  it('ignores unknown fields and reports missing required ones', () => {
    expect(decodeParams03('GetTask', { id: 't', extra: true, tenant: 'x' })).toStrictEqual({
      success: true,
      data: { id: 't' },
    });
    expect(decodeParams03('CancelTask', {})).toStrictEqual({
      success: false,
      violations: [{ field: 'id', description: 'is required' }],
    });
    expect(decodeParams03('SubscribeToTask', undefined)).toMatchObject({
      success: false,
      violations: [{ field: '', description: 'is required' }],
    });
  });

  it('reads historyLength 0 (0.3: no limit) as unset and rejects negative values', () => {
    expect(decodeParams03('GetTask', { id: 't', historyLength: 0 })).toStrictEqual({
      success: true,
      data: { id: 't' },
    });
    expect(decodeParams03('GetTask', { id: 't', historyLength: -1 })).toMatchObject({
      success: false,
      violations: [{ field: 'historyLength' }],
    });
  });

  it('carries an inline push config without a task id', () => {
    const decoded = decodeParams03('SendMessage', {
      message: message03,
      configuration: {
        pushNotificationConfig: {
          url: 'https://x/hook',
          authentication: { schemes: ['Bearer', 'Basic'] },
        },
      },
    });
    expect(decoded.success && decoded.data.configuration).toStrictEqual({
      taskPushNotificationConfig: { url: 'https://x/hook', authentication: { scheme: 'Bearer' } },
    });
  });

  it('decodes the deprecated bare push-config get form to an empty config id', () => {
    expect(decodeParams03('GetTaskPushNotificationConfig', { id: 't1' })).toStrictEqual({
      success: true,
      data: { taskId: 't1', id: '' },
    });
    expect(
      decodeParams03('GetTaskPushNotificationConfig', { id: 't1', pushNotificationConfigId: 'c1' }),
    ).toStrictEqual({ success: true, data: { taskId: 't1', id: 'c1' } });
    expect(encodeParams03('GetTaskPushNotificationConfig', { taskId: 't1', id: '' })).toStrictEqual(
      {
        id: 't1',
      },
    );
  });

  it('maps list and delete push-config params', () => {
    expect(decodeParams03('ListTaskPushNotificationConfigs', { id: 't1' })).toStrictEqual({
      success: true,
      data: { taskId: 't1' },
    });
    expect(
      decodeParams03('DeleteTaskPushNotificationConfig', {
        id: 't1',
        pushNotificationConfigId: 'c',
      }),
    ).toStrictEqual({ success: true, data: { taskId: 't1', id: 'c' } });
    expect(decodeParams03('DeleteTaskPushNotificationConfig', { id: 't1' })).toMatchObject({
      success: false,
      violations: [{ field: 'pushNotificationConfigId', description: 'is required' }],
    });
  });

  it('accepts no params for the extended card and rejects a non-object', () => {
    for (const params of [undefined, null, {}, { extra: 1 }]) {
      expect(decodeParams03('GetExtendedAgentCard', params)).toStrictEqual({
        success: true,
        data: {},
      });
    }
    expect(decodeParams03('GetExtendedAgentCard', 'x').success).toBe(false);
    expect(encodeParams03('GetExtendedAgentCard', { tenant: 't' })).toBeUndefined();
  });

  it('reads the REST-ish ListTasks query with 0.3 state names', () => {
    expect(decodeParams03('ListTasks', undefined)).toStrictEqual({ success: true, data: {} });
    expect(
      decodeParams03('ListTasks', { status: 'input-required', pageSize: '20', contextId: 'c' }),
    ).toStrictEqual({
      success: true,
      data: { status: 'TASK_STATE_INPUT_REQUIRED', pageSize: 20, contextId: 'c' },
    });
    expect(decodeParams03('ListTasks', { status: 'TASK_STATE_WORKING' })).toMatchObject({
      success: false,
      violations: [{ field: 'status' }],
    });
  });

  it('drops what 0.3 cannot carry when encoding', () => {
    expect(
      encodeParams03('SendMessage', {
        tenant: 'acme',
        message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'x' }] },
        configuration: {
          returnImmediately: true,
          taskPushNotificationConfig: { taskId: '', url: 'u', tenant: 'acme' },
        },
      }),
    ).toStrictEqual({
      message: {
        kind: 'message',
        messageId: 'm',
        role: 'user',
        parts: [{ kind: 'text', text: 'x' }],
      },
      configuration: { blocking: false, pushNotificationConfig: { url: 'u' } },
    });
    expect(
      encodeParams03('ListTaskPushNotificationConfigs', {
        taskId: 't',
        pageSize: 5,
        pageToken: 'p',
      }),
    ).toStrictEqual({ id: 't' });
  });

  it('reports violations with the 0.3 field names the caller sent', () => {
    const result = decodeParams03('SendMessage', {
      message: {
        kind: 'message',
        role: 'ROLE_USER',
        messageId: 'm',
        parts: [{ kind: 'text' }, { kind: 'file', file: { name: 'a' } }, { kind: 'blob' }],
      },
      configuration: { blocking: 'yes', pushNotificationConfig: { url: '' } },
    });
    expect(result.success ? [] : result.violations.map((v) => v.field)).toStrictEqual([
      'message.role',
      'message.parts[0].text',
      'message.parts[1].file',
      'message.parts[2].kind',
      'configuration.pushNotificationConfig.url',
      'configuration.blocking',
    ]);
  });
});

describe('encodeResult03 / decodeResult03 specifics', () => {
  const task = { id: 't', contextId: 'c', status: { state: 'TASK_STATE_COMPLETED' as const } };

  it('sends SendMessage results bare with kind', () => {
    expect(encodeResult03('SendMessage', { task })).toStrictEqual({
      kind: 'task',
      id: 't',
      contextId: 'c',
      status: { state: 'completed' },
    });
  });

  it('sends list as an array, delete as null', () => {
    expect(
      encodeResult03('ListTaskPushNotificationConfigs', {
        configs: [{ taskId: 't', id: 'c', url: 'u' }],
        nextPageToken: 'more',
      }),
    ).toStrictEqual([{ taskId: 't', pushNotificationConfig: { id: 'c', url: 'u' } }]);
    expect(encodeResult03('DeleteTaskPushNotificationConfig', {})).toBeNull();
    expect(decodeResult03('DeleteTaskPushNotificationConfig', null)).toStrictEqual({
      success: true,
      data: {},
    });
  });

  it('derives final for stream items encoded as results', () => {
    const update = {
      taskId: 't',
      contextId: 'c',
      status: { state: 'TASK_STATE_WORKING' as const },
    };
    expect(encodeResult03('SendStreamingMessage', { statusUpdate: update })).toMatchObject({
      kind: 'status-update',
      final: false,
    });
    expect(
      deriveFinal03({
        statusUpdate: { ...update, status: { state: 'TASK_STATE_INPUT_REQUIRED' } },
      }),
    ).toBe(true);
    expect(
      deriveFinal03({ statusUpdate: { ...update, status: { state: 'TASK_STATE_AUTH_REQUIRED' } } }),
    ).toBe(false);
    expect(deriveFinal03({ task })).toBe(false);
  });

  it('tells a Task from a Message by shape when kind is missing', () => {
    const decoded = decodeResult03('SendMessage', {
      id: 't',
      contextId: 'c',
      status: { state: 'working' },
    });
    expect(decoded.success && decoded.data.task?.status.state).toBe('TASK_STATE_WORKING');
    const message = decodeResult03('SendMessage', {
      messageId: 'm',
      role: 'agent',
      parts: [{ text: 'hi' }],
    });
    expect(message.success && message.data.message?.parts).toStrictEqual([{ text: 'hi' }]);
  });

  it('accepts a 1.0 card from agent/getAuthenticatedExtendedCard', () => {
    const card = {
      name: 'a',
      description: '',
      supportedInterfaces: [
        { url: 'https://a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      ],
      version: '1',
      capabilities: {},
      defaultInputModes: [],
      defaultOutputModes: [],
      skills: [],
    };
    expect(decodeResult03('GetExtendedAgentCard', card)).toStrictEqual({
      success: true,
      data: card,
    });
  });
});
