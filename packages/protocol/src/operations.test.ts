import { describe, expect, it } from 'vitest';

import { OPERATION_SCHEMAS } from './operation-types.js';
import {
  DEFAULT_PAGE_SIZE,
  DeleteTaskPushNotificationConfigRequestSchema,
  GetExtendedAgentCardRequestSchema,
  GetTaskPushNotificationConfigRequestSchema,
  ListTaskPushNotificationConfigsRequestSchema,
  ListTaskPushNotificationConfigsResponseSchema,
  ListTasksRequestSchema,
  MAX_PAGE_SIZE,
  SendMessageConfigurationSchema,
  SendMessageResponseSchema,
} from './operations.js';
import { CreateTaskPushNotificationConfigRequestSchema } from './push-config.js';
import { parseProtocol } from './validation.js';

const fields = (result: { success: boolean; violations?: { field: string }[] }) =>
  result.violations?.map((v) => v.field) ?? [];

const task = { id: 't1', status: { state: 'TASK_STATE_COMPLETED' } };
const message = { messageId: 'm1', role: 'ROLE_AGENT', parts: [{ text: 'done' }] };

describe('SendMessageResponseSchema (oneof payload)', () => {
  it('accepts a task or a message', () => {
    expect(SendMessageResponseSchema.parse({ task })).toEqual({ task });
    expect(SendMessageResponseSchema.parse({ message })).toEqual({ message });
  });

  it.each([{}, { task, message }])('rejects %j', (value) => {
    expect(parseProtocol(SendMessageResponseSchema, value)).toEqual({
      success: false,
      violations: [{ field: '', description: 'must have exactly one of task or message' }],
    });
  });

  it('does not accept the 0.3 bare result', () => {
    expect(SendMessageResponseSchema.safeParse({ kind: 'task', ...task }).success).toBe(false);
  });
});

describe('SendMessageConfigurationSchema', () => {
  it('reads every field, snake_case too', () => {
    expect(
      SendMessageConfigurationSchema.parse({
        accepted_output_modes: ['text/plain'],
        task_push_notification_config: { url: 'https://hook' },
        history_length: 0,
        return_immediately: false,
      }),
    ).toEqual({
      acceptedOutputModes: ['text/plain'],
      taskPushNotificationConfig: { url: 'https://hook' },
      historyLength: 0,
      returnImmediately: false,
    });
  });

  it('ignores the 0.3 `blocking` flag', () => {
    expect(SendMessageConfigurationSchema.parse({ blocking: true })).toEqual({});
  });
});

describe('page sizes', () => {
  it('defaults to 50 and caps at 100', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(MAX_PAGE_SIZE).toBe(100);
  });

  it.each([
    [ListTasksRequestSchema, {}],
    [ListTaskPushNotificationConfigsRequestSchema, { taskId: 't1' }],
  ])('bounds pageSize to 1..100 (%#)', (schema, base) => {
    for (const pageSize of [1, 50, 100, '7']) {
      expect(parseProtocol(schema, { ...base, pageSize }).success).toBe(true);
    }
    for (const pageSize of [0, -1, 101, 2.5, 'ten']) {
      expect(fields(parseProtocol(schema, { ...base, pageSize }))).toEqual(['pageSize']);
    }
  });

  it('accepts TASK_STATE_UNSPECIFIED as "no status filter" in ListTasks', () => {
    expect(ListTasksRequestSchema.parse({ status: 0 })).toEqual({
      status: 'TASK_STATE_UNSPECIFIED',
    });
  });
});

describe('push notification config requests', () => {
  const config = {
    taskId: 't1',
    url: 'https://hook',
    token: 'tok',
    authentication: { scheme: 'Bearer' },
  };

  it('Create takes the config itself and needs a taskId', () => {
    expect(CreateTaskPushNotificationConfigRequestSchema.parse(config)).toEqual(config);
    const { taskId: _t, ...noTask } = config;
    expect(parseProtocol(CreateTaskPushNotificationConfigRequestSchema, noTask)).toEqual({
      success: false,
      violations: [{ field: 'taskId', description: 'is required' }],
    });
    expect(
      fields(
        parseProtocol(CreateTaskPushNotificationConfigRequestSchema, { ...config, taskId: '' }),
      ),
    ).toEqual(['taskId']);
    expect(
      CreateTaskPushNotificationConfigRequestSchema.parse({
        ...config,
        task_id: 't2',
        taskId: undefined,
      }),
    ).toEqual({ ...config, taskId: 't2' });
  });

  // Regression (fixed in e6818c3): the taskId check was a superRefine, which zod skips while the
  // object has other issues, so `{}` used to report only `url`.
  it('Create reports a missing url and a missing taskId together', () => {
    expect(fields(parseProtocol(CreateTaskPushNotificationConfigRequestSchema, {}))).toEqual([
      'taskId',
      'url',
    ]);
  });

  it.each([
    ['Get', GetTaskPushNotificationConfigRequestSchema],
    ['Delete', DeleteTaskPushNotificationConfigRequestSchema],
  ] as const)('%s needs taskId and id', (_name, schema) => {
    expect(fields(parseProtocol(schema, {}))).toEqual(['taskId', 'id']);
    expect(schema.parse({ task_id: 't', id: 'c', tenant: 'x' })).toEqual({
      taskId: 't',
      id: 'c',
      tenant: 'x',
    });
  });

  it('List result needs configs and nextPageToken', () => {
    expect(fields(parseProtocol(ListTaskPushNotificationConfigsResponseSchema, {}))).toEqual([
      'configs',
      'nextPageToken',
    ]);
  });
});

describe('GetExtendedAgentCard and Delete results', () => {
  it('accepts {} and a tenant', () => {
    expect(GetExtendedAgentCardRequestSchema.parse({})).toEqual({});
    expect(GetExtendedAgentCardRequestSchema.parse({ tenant: 'acme' })).toEqual({ tenant: 'acme' });
  });

  // Regression (fixed in e6818c3): §9.4.8 sends no `params`, which the schema used to reject.
  it.each([undefined, null])('accepts omitted params (%j)', (params) => {
    expect(parseProtocol(OPERATION_SCHEMAS.GetExtendedAgentCard.params, params)).toEqual({
      success: true,
      data: {},
    });
  });

  it('Delete returns google.protobuf.Empty, `{}` in JSON', () => {
    expect(OPERATION_SCHEMAS.DeleteTaskPushNotificationConfig.result.parse({})).toEqual({});
  });
});
