import { describe, expect, it } from 'vitest';

import { buildParams, type FormFields, parseHeaders, remapIds } from './params.js';

const fields: FormFields = {
  text: 'hi',
  data: '',
  metadata: '',
  files: [],
  continueTaskId: '',
  taskId: '',
  contextId: '',
  returnImmediately: false,
  historyLength: '',
  pushUrl: '',
  pushToken: '',
  configId: '',
  status: '',
  pageSize: '',
  pageToken: '',
  headers: '',
};

describe('buildParams', () => {
  it('builds a message from text, JSON data, files and metadata', () => {
    const params = buildParams('SendMessage', {
      ...fields,
      data: '{"a":1}',
      metadata: '{"trace":"x"}',
      files: [{ name: 'a.txt', mediaType: 'text/plain', base64: 'aGk=' }],
      continueTaskId: 't1',
      contextId: 'c1',
      returnImmediately: true,
    }) as { message: Record<string, unknown>; configuration: unknown };
    expect(params.message).toMatchObject({
      role: 'ROLE_USER',
      taskId: 't1',
      contextId: 'c1',
      metadata: { trace: 'x' },
      parts: [
        { text: 'hi' },
        { data: { a: 1 }, mediaType: 'application/json' },
        { raw: 'aGk=', filename: 'a.txt', mediaType: 'text/plain' },
      ],
    });
    expect(params.configuration).toEqual({ returnImmediately: true, historyLength: undefined });
  });

  it('says which field is wrong', () => {
    expect(() => buildParams('SendMessage', { ...fields, data: '{oops' })).toThrow(
      /^Data is not valid JSON/,
    );
    expect(() => buildParams('SendMessage', { ...fields, text: '' })).toThrow(
      /needs text, data or a file/,
    );
  });

  it('builds the params of the other operations', () => {
    expect(buildParams('GetTask', { ...fields, taskId: ' t ', historyLength: '2' })).toEqual({
      id: 't',
      historyLength: 2,
    });
    expect(
      buildParams('CreateTaskPushNotificationConfig', {
        ...fields,
        taskId: 't',
        pushUrl: 'http://h/w',
        pushToken: 'k',
      }),
    ).toEqual({
      taskId: 't',
      url: 'http://h/w',
      token: 'k',
    });
  });
});

describe('remapIds and parseHeaders', () => {
  it('swaps recorded ids for the replay ones and renews message ids', () => {
    const out = remapIds(
      { message: { messageId: 'm', taskId: 'old' }, id: 'old' },
      new Map([['old', 'new']]),
    ) as {
      message: { messageId: string; taskId: string };
      id: string;
    };
    expect(out.id).toBe('new');
    expect(out.message.taskId).toBe('new');
    expect(out.message.messageId).not.toBe('m');
  });

  it('reads header lines', () => {
    expect(parseHeaders('Authorization: Bearer a:b\nbad line\n X-Key : v ')).toEqual({
      Authorization: 'Bearer a:b',
      'X-Key': 'v',
    });
  });
});
