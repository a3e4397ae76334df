import { describe, expect, it } from 'vitest';

import {
  authenticationFrom03,
  pushConfigTo03,
  taskPushConfigFrom03,
  taskPushConfigTo03,
} from './v03-push.js';

describe('push config conversion', () => {
  it('keeps the first non-empty 0.3 scheme, and drops authentication without one', () => {
    expect(
      authenticationFrom03({ schemes: ['', 'Basic', 'Bearer'], credentials: 'c' }),
    ).toStrictEqual({
      scheme: 'Basic',
      credentials: 'c',
    });
    expect(authenticationFrom03({ schemes: [], credentials: 'c' })).toBeUndefined();
    expect(
      taskPushConfigFrom03({
        taskId: 't',
        pushNotificationConfig: { url: 'u', authentication: { schemes: [] } },
      }),
    ).toStrictEqual({ taskId: 't', url: 'u' });
  });

  it('nests the flat 1.0 config and drops the tenant', () => {
    const config = {
      tenant: 'acme',
      id: 'c1',
      taskId: 't1',
      url: 'https://hook',
      token: 'tok',
      authentication: { scheme: 'Bearer', credentials: 'secret' },
    };
    expect(taskPushConfigTo03(config)).toStrictEqual({
      taskId: 't1',
      pushNotificationConfig: {
        id: 'c1',
        url: 'https://hook',
        token: 'tok',
        authentication: { schemes: ['Bearer'], credentials: 'secret' },
      },
    });
    expect(pushConfigTo03(config)).not.toHaveProperty('taskId');
    expect(taskPushConfigTo03({ url: 'u' }).taskId).toBe('');
  });
});
