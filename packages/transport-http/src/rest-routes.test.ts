import { describe, expect, it } from 'vitest';

import { matchRestRoute } from './rest-routes.js';

describe('matchRestRoute', () => {
  it.each([
    ['POST', '/message:send', 'SendMessage', {}],
    ['POST', '/message:stream', 'SendStreamingMessage', {}],
    ['GET', '/tasks/t1', 'GetTask', { id: 't1' }],
    ['GET', '/tasks', 'ListTasks', {}],
    ['POST', '/tasks/t1:cancel', 'CancelTask', { id: 't1' }],
    ['GET', '/tasks/t1:subscribe', 'SubscribeToTask', { id: 't1' }],
    ['POST', '/tasks/t1:subscribe', 'SubscribeToTask', { id: 't1' }],
    [
      'POST',
      '/tasks/t1/pushNotificationConfigs',
      'CreateTaskPushNotificationConfig',
      { taskId: 't1' },
    ],
    [
      'GET',
      '/tasks/t1/pushNotificationConfigs',
      'ListTaskPushNotificationConfigs',
      { taskId: 't1' },
    ],
    [
      'GET',
      '/tasks/t1/pushNotificationConfigs/c1',
      'GetTaskPushNotificationConfig',
      { taskId: 't1', id: 'c1' },
    ],
    [
      'DELETE',
      '/tasks/t1/pushNotificationConfigs/c1',
      'DeleteTaskPushNotificationConfig',
      { taskId: 't1', id: 'c1' },
    ],
    ['GET', '/extendedAgentCard', 'GetExtendedAgentCard', {}],
  ])('%s %s → %s', (verb, path, operation, pathParams) => {
    expect(matchRestRoute(verb, path)).toEqual({
      kind: 'match',
      match: { operation, pathParams, tenant: undefined },
    });
    const prefixed = matchRestRoute(verb, `/acme${path}`);
    expect(prefixed).toEqual({ kind: 'match', match: { operation, pathParams, tenant: 'acme' } });
  });

  it('decodes path parameters', () => {
    const found = matchRestRoute('GET', '/tenant%20one/tasks/a%2Fb');
    expect(found).toEqual({
      kind: 'match',
      match: { operation: 'GetTask', pathParams: { id: 'a/b' }, tenant: 'tenant one' },
    });
  });

  it('tells a wrong verb from an unknown path', () => {
    expect(matchRestRoute('GET', '/message:send')).toEqual({
      kind: 'method-not-allowed',
      allow: ['POST'],
    });
    expect(matchRestRoute('DELETE', '/tasks/t1:cancel')).toEqual({
      kind: 'method-not-allowed',
      allow: ['POST'],
    });
    expect(matchRestRoute('GET', '/a/b/c/d')).toEqual({ kind: 'not-found' });
  });
});
