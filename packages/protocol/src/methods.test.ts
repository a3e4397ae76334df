import { describe, expect, it } from 'vitest';

import {
  LATEST_PROTOCOL_VERSION,
  methodByJsonRpcName,
  METHODS,
  OPERATION_NAMES,
  parseProtocolVersion,
  PROTOCOL_VERSIONS,
} from './methods.js';
import { OPERATION_SCHEMAS } from './operation-types.js';

describe('parseProtocolVersion', () => {
  it.each([
    [undefined, '0.3'],
    [null, '0.3'],
    ['', '0.3'],
    ['   ', '0.3'],
    ['0.3', '0.3'],
    ['0.3.0', '0.3'],
    ['1.0', '1.0'],
    [' 1.0 ', '1.0'],
    ['1.0.3', '1.0'],
    ['1.0.0', '1.0'],
  ] as const)('%j -> %s', (header, version) => {
    expect(parseProtocolVersion(header)).toBe(version);
  });

  it.each(['99.0', '0.5', '2.0', '1.1', '1', 'v1.0', '1.0-rc', '1.0.0.0', 'latest', '1,0'])(
    '%j is not a version Baton speaks',
    (header) => {
      expect(parseProtocolVersion(header)).toBeUndefined();
    },
  );

  it('lists 1.0 as the latest version', () => {
    expect(PROTOCOL_VERSIONS).toEqual(['1.0', '0.3']);
    expect(LATEST_PROTOCOL_VERSION).toBe('1.0');
  });
});

const JSON_RPC_03: Record<string, string | undefined> = {
  SendMessage: 'message/send',
  SendStreamingMessage: 'message/stream',
  GetTask: 'tasks/get',
  ListTasks: undefined,
  CancelTask: 'tasks/cancel',
  SubscribeToTask: 'tasks/resubscribe',
  CreateTaskPushNotificationConfig: 'tasks/pushNotificationConfig/set',
  GetTaskPushNotificationConfig: 'tasks/pushNotificationConfig/get',
  ListTaskPushNotificationConfigs: 'tasks/pushNotificationConfig/list',
  DeleteTaskPushNotificationConfig: 'tasks/pushNotificationConfig/delete',
  GetExtendedAgentCard: 'agent/getAuthenticatedExtendedCard',
};

describe('methodByJsonRpcName', () => {
  it.each(OPERATION_NAMES)('finds %s by its 1.0 name', (name) => {
    expect(methodByJsonRpcName(name, '1.0')?.name).toBe(name);
  });

  it.each(Object.entries(JSON_RPC_03).filter(([, method]) => method !== undefined))(
    'finds %s by its 0.3 name %s',
    (name, method) => {
      expect(methodByJsonRpcName(method!, '0.3')?.name).toBe(name);
    },
  );

  it('never resolves a name in the other dialect', () => {
    for (const name of OPERATION_NAMES) expect(methodByJsonRpcName(name, '0.3')).toBeUndefined();
    for (const method of Object.values(JSON_RPC_03)) {
      if (method !== undefined) expect(methodByJsonRpcName(method, '1.0')).toBeUndefined();
    }
  });

  it.each([
    'toString',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'sendMessage',
    'message/Send',
    '',
  ])('does not resolve %j in either dialect', (method) => {
    expect(methodByJsonRpcName(method, '1.0')).toBeUndefined();
    expect(methodByJsonRpcName(method, '0.3')).toBeUndefined();
  });

  it('has no 0.3 JSON-RPC method for ListTasks and the misnamed agent/authenticatedExtendedCard', () => {
    expect(METHODS.ListTasks.jsonRpc03).toBeUndefined();
    expect(methodByJsonRpcName('agent/authenticatedExtendedCard', '0.3')).toBeUndefined();
  });
});

describe('METHODS', () => {
  it('has one entry per operation, named by its key, with schemas', () => {
    expect(Object.keys(METHODS)).toEqual([...OPERATION_NAMES]);
    expect(Object.keys(OPERATION_SCHEMAS).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const [key, info] of Object.entries(METHODS)) {
      expect(info.name).toBe(key);
      expect(info.jsonRpc03).toBe(JSON_RPC_03[key]);
    }
  });

  it('marks exactly the two streaming operations', () => {
    const streaming = OPERATION_NAMES.filter((name) => METHODS[name].streaming);
    expect(streaming).toEqual(['SendStreamingMessage', 'SubscribeToTask']);
  });

  it('serves subscribe on GET (proto) and POST (spec text, TCK)', () => {
    expect(METHODS.SubscribeToTask.rest).toEqual([
      { verb: 'GET', path: '/tasks/{id}:subscribe' },
      { verb: 'POST', path: '/tasks/{id}:subscribe' },
    ]);
  });

  it('puts 1.0 REST routes without a prefix and 0.3 routes under /v1', () => {
    for (const info of Object.values(METHODS)) {
      for (const route of info.rest) expect(route.path.startsWith('/v1/')).toBe(false);
      for (const route of info.rest03) expect(route.path.startsWith('/v1/')).toBe(true);
    }
  });
});
