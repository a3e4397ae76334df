import { describe, expect, it } from 'vitest';

import { OPERATION_SCHEMAS } from '../operation-types.js';
import { type ParseResult } from '../validation.js';
import { decodeParams03, decodeResult03 } from './v03-operations.js';
import { Task03Schema } from './v03-task.js';

/**
 * The example payloads of the A2A 0.3.0 specification (docs/specification.md §9), in
 * their shapes and ids; prose values are shortened. Examples that break the 0.3 schema in the
 * spec itself are kept too and must fail with the right 0.3 path.
 */

const TASK_ID = '363422be-b0f9-4692-a24d-278670e7c7f1';
const CONTEXT_ID = 'c295ea44-7543-4f78-b524-7a38915ad6e4';

function fields<T>(result: ParseResult<T>): string[] {
  return result.success ? [] : result.violations.map((violation) => violation.field);
}

function expectOk<T>(result: ParseResult<T>): T {
  expect(fields(result)).toStrictEqual([]);
  if (!result.success) throw new Error('unreachable');
  return result.data;
}

describe('§9.1 authenticated extended card', () => {
  it('takes a request without params', () => {
    expect(decodeParams03('GetExtendedAgentCard', undefined)).toStrictEqual({
      success: true,
      data: {},
    });
  });
});

describe('§9.2 basic execution', () => {
  const params = {
    message: {
      role: 'user',
      parts: [{ kind: 'text', text: 'tell me a joke' }],
      messageId: '9229e770-767c-417b-a0b0-f0741243c589',
    },
    metadata: {},
  };
  const taskResult = {
    id: TASK_ID,
    contextId: CONTEXT_ID,
    status: { state: 'completed' },
    artifacts: [
      {
        artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
        name: 'joke',
        parts: [{ kind: 'text', text: 'A joke.' }],
      },
    ],
    history: [{ ...params.message, taskId: TASK_ID, contextId: CONTEXT_ID }],
    kind: 'task',
    metadata: {},
  };

  it('message/send params (message without kind) decode to valid 1.0 params', () => {
    const decoded = expectOk(decodeParams03('SendMessage', params));
    expect(decoded).toStrictEqual({
      message: {
        role: 'ROLE_USER',
        parts: [{ text: 'tell me a joke' }],
        messageId: '9229e770-767c-417b-a0b0-f0741243c589',
      },
      metadata: {},
    });
    expect(OPERATION_SCHEMAS.SendMessage.params.safeParse(decoded).success).toBe(true);
  });

  it('the Task result decodes', () => {
    const decoded = expectOk(decodeResult03('SendMessage', taskResult));
    expect(decoded.task?.status).toStrictEqual({ state: 'TASK_STATE_COMPLETED' });
    expect(decoded.task?.history?.[0]?.role).toBe('ROLE_USER');
    expect(OPERATION_SCHEMAS.SendMessage.result.safeParse(decoded).success).toBe(true);
  });

  it('the Message result of the spec lacks the required role and fails on it', () => {
    const messageResult = {
      messageId: TASK_ID,
      contextId: CONTEXT_ID,
      parts: [{ kind: 'text', text: 'A joke.' }],
      kind: 'message',
      metadata: {},
    };
    expect(fields(decodeResult03('SendMessage', messageResult))).toStrictEqual(['role']);
    const fixed = expectOk(decodeResult03('SendMessage', { ...messageResult, role: 'agent' }));
    expect(fixed.message?.role).toBe('ROLE_AGENT');
  });

  it('mutations fail with 0.3 paths', () => {
    expect(
      fields(decodeResult03('GetTask', { ...taskResult, status: { state: 'done' } })),
    ).toStrictEqual(['status.state']);
    expect(fields(decodeResult03('GetTask', { ...taskResult, kind: 'message' }))).toStrictEqual([
      'kind',
    ]);
    const { contextId: _c, ...noContext } = taskResult;
    expect(fields(decodeResult03('GetTask', noContext))).toStrictEqual(['contextId']);
    expect(
      fields(decodeParams03('SendMessage', { message: { ...params.message, parts: [] } })),
    ).toStrictEqual(['message.parts']);
    expect(
      fields(decodeParams03('SendMessage', { message: { ...params.message, role: 'system' } })),
    ).toStrictEqual(['message.role']);
  });
});

describe('§9.4 multi-turn (input required)', () => {
  it('the first request has messageId outside the message and fails on message.messageId', () => {
    const params = {
      message: { role: 'user', parts: [{ kind: 'text', text: 'Book a flight.' }] },
      messageId: 'c53ba666-3f97-433c-a87b-6084276babe2',
    };
    expect(fields(decodeParams03('SendMessage', params))).toStrictEqual(['message.messageId']);
  });

  it('the input-required task decodes', () => {
    const result = {
      id: '3f36680c-7f37-4a5f-945e-d78981fafd36',
      contextId: CONTEXT_ID,
      status: {
        state: 'input-required',
        message: {
          role: 'agent',
          parts: [{ kind: 'text', text: 'Where to, and when?' }],
          messageId: 'c2e1b2dd-f200-4b04-bc22-1b0c65a1aad2',
          taskId: '3f36680c-7f37-4a5f-945e-d78981fafd36',
          contextId: CONTEXT_ID,
        },
        timestamp: '2024-03-15T10:10:00Z',
      },
      kind: 'task',
    };
    const task = expectOk(decodeResult03('SendMessage', result)).task;
    expect(task?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(task?.status.message?.role).toBe('ROLE_AGENT');
  });

  it('the follow-up with blocking: true waits (returnImmediately: false)', () => {
    const params = {
      message: {
        role: 'user',
        parts: [{ kind: 'text', text: 'JFK to LHR, October 10th to 17th.' }],
        contextId: CONTEXT_ID,
        taskId: '3f36680c-7f37-4a5f-945e-d78981fafd36',
        messageId: '0db1d6c4-3976-40ed-b9b8-0043ea7a03d3',
      },
      configuration: { blocking: true },
    };
    const decoded = expectOk(decodeParams03('SendMessage', params));
    expect(decoded.configuration).toStrictEqual({ returnImmediately: false });
    expect(decoded.message.taskId).toBe('3f36680c-7f37-4a5f-945e-d78981fafd36');
  });

  it('the completed result has a status message without messageId and fails on it', () => {
    const result = {
      id: '3f36680c-7f37-4a5f-945e-d78981fafd36',
      contextId: CONTEXT_ID,
      status: {
        state: 'completed',
        message: { role: 'agent', parts: [{ kind: 'text', text: 'Booked: XYZ123.' }] },
      },
      artifacts: [
        {
          artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
          name: 'FlightItinerary.json',
          parts: [{ kind: 'data', data: { confirmationId: 'XYZ123', from: 'JFK', to: 'LHR' } }],
        },
      ],
      kind: 'task',
      metadata: {},
    };
    expect(fields(decodeResult03('SendMessage', result))).toStrictEqual([
      'status.message.messageId',
    ]);
    const fixedMessage = { ...result.status.message, messageId: 'm-2' };
    const fixed = { ...result, status: { ...result.status, message: fixedMessage } };
    const task = expectOk(decodeResult03('SendMessage', fixed)).task;
    expect(task?.artifacts?.[0]?.parts).toStrictEqual([
      { data: { confirmationId: 'XYZ123', from: 'JFK', to: 'LHR' } },
    ]);
  });
});

describe('§9.5 push notifications', () => {
  it('an inline push config decodes; its scheme becomes the 1.0 scheme', () => {
    const params = {
      message: {
        role: 'user',
        parts: [{ kind: 'text', text: 'Generate the Q1 sales report.' }],
        messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
      },
      configuration: {
        pushNotificationConfig: {
          url: 'https://client.example.com/webhook/a2a-notifications',
          token: 'secure-client-token-for-task-aaa',
          authentication: { schemes: ['Bearer'] },
        },
      },
    };
    expect(expectOk(decodeParams03('SendMessage', params)).configuration).toStrictEqual({
      taskPushNotificationConfig: {
        url: 'https://client.example.com/webhook/a2a-notifications',
        token: 'secure-client-token-for-task-aaa',
        authentication: { scheme: 'Bearer' },
      },
    });
  });

  it('the acknowledgement (no kind) and the webhook payload are valid 0.3 Tasks', () => {
    const ack = {
      id: '43667960-d455-4453-b0cf-1bae4955270d',
      contextId: CONTEXT_ID,
      status: { state: 'submitted', timestamp: '2024-03-15T11:00:00Z' },
    };
    expect(expectOk(decodeResult03('SendMessage', ack)).task?.status.state).toBe(
      'TASK_STATE_SUBMITTED',
    );
    const payload = {
      ...ack,
      status: { state: 'completed', timestamp: '2024-03-15T18:30:00Z' },
      kind: 'task',
    };
    expect(Task03Schema.safeParse(payload).success).toBe(true);
  });
});

describe('§9.6 file exchange', () => {
  it('a file with bytes goes in, a file with a uri comes out', () => {
    const params = {
      message: {
        role: 'user',
        parts: [
          { kind: 'text', text: 'Highlight the faces.' },
          {
            kind: 'file',
            file: {
              name: 'input_image.png',
              mimeType: 'image/png',
              bytes: 'iVBORw0KGgoAAAANSUhEUgAAAAUA',
            },
          },
        ],
        messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
      },
    };
    expect(expectOk(decodeParams03('SendMessage', params)).message.parts[1]).toStrictEqual({
      raw: 'iVBORw0KGgoAAAANSUhEUgAAAAUA',
      filename: 'input_image.png',
      mediaType: 'image/png',
    });
    const result = {
      id: '43667960-d455-4453-b0cf-1bae4955270d',
      contextId: CONTEXT_ID,
      status: { state: 'completed', timestamp: '2024-03-15T12:05:00Z' },
      artifacts: [
        {
          artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
          name: 'processed_image_with_faces.png',
          parts: [
            {
              kind: 'file',
              file: {
                name: 'output.png',
                mimeType: 'image/png',
                uri: 'https://storage.example.com/output.png?token=xyz',
              },
            },
          ],
        },
      ],
      kind: 'task',
    };
    expect(
      expectOk(decodeResult03('SendMessage', result)).task?.artifacts?.[0]?.parts[0],
    ).toStrictEqual({
      url: 'https://storage.example.com/output.png?token=xyz',
      filename: 'output.png',
      mediaType: 'image/png',
    });
    const both = { kind: 'file', file: { bytes: 'AA==', uri: 'https://x' } };
    expect(
      fields(decodeParams03('SendMessage', { message: { ...params.message, parts: [both] } })),
    ).toStrictEqual(['message.parts[0].file']);
  });
});

describe('§9.7 structured data', () => {
  it('part metadata passes through and the text result decodes', () => {
    const params = {
      message: {
        role: 'user',
        parts: [
          {
            kind: 'text',
            text: 'Show me my open IT tickets',
            metadata: { mimeType: 'application/json', schema: { type: 'array' } },
          },
        ],
        messageId: '85b26db5-ffbb-4278-a5da-a7b09dea1b47',
      },
      metadata: {},
    };
    expect(
      expectOk(decodeParams03('SendMessage', params)).message.parts[0]?.metadata,
    ).toStrictEqual({
      mimeType: 'application/json',
      schema: { type: 'array' },
    });
    const result = {
      id: 'd8c6243f-5f7a-4f6f-821d-957ce51e856c',
      contextId: CONTEXT_ID,
      status: { state: 'completed', timestamp: '2025-04-17T17:47:09.680794' },
      artifacts: [
        {
          artifactId: 'c5e0382f-b57f-4da7-87d8-b85171fad17c',
          parts: [{ kind: 'text', text: '[{"ticketNumber":"REQ12312"}]' }],
        },
      ],
      kind: 'task',
    };
    expect(expectOk(decodeResult03('SendMessage', result)).task?.status.timestamp).toBe(
      '2025-04-17T17:47:09.680794Z',
    );
    const arrayData = { kind: 'data', data: [1, 2] };
    expect(
      fields(decodeParams03('SendMessage', { message: { ...params.message, parts: [arrayData] } })),
    ).toStrictEqual(['message.parts[0].data']);
  });
});
