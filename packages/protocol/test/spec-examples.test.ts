// The A2A 1.0 spec's own example payloads (docs/specification.md at v1.0.1) checked against the
// canonical model, then mutated field by field. Where an example contradicts the proto (see
// A2A.md §11) it stays as written and the test asserts what the model reports, with the reason.
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import {
  AgentCapabilitiesSchema,
  AgentCardSchema,
  AgentCardSignatureSchema,
  AgentInterfaceSchema,
  ArtifactSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  MessageSchema,
  methodByJsonRpcName,
  OPERATION_SCHEMAS,
  parseProtocol,
  parseProtocolVersion,
  PartSchema,
  SecuritySchemeSchema,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  StreamResponseSchema,
} from '../src/index.js';
import { SPEC_ERROR_FIXTURES, SPEC_FIXTURES, type SpecFixtureName } from './fixtures.js';
import { applyEdit, getAt, hasAt, type JsonEdit } from './json-edit.js';

type AnySchema = z.ZodType<unknown, unknown>;

/** One check of a spec example against a schema. */
interface ExampleCase {
  fixture: SpecFixtureName;
  /** Where the example is in docs/specification.md v1.0.1. */
  section: string;
  schema: AnySchema;
  /** A field path inside the example to check instead of the whole payload. */
  select?: string;
  /** The field paths the model must report when the example is invalid as written. */
  invalid?: string[];
  /** Why the spec's example is invalid against the proto. */
  why?: string;
}

const CARD_FIELDS = [
  'name',
  'description',
  'supportedInterfaces',
  'version',
  'capabilities',
  'defaultInputModes',
  'defaultOutputModes',
  'skills',
];
const cardFieldsExcept = (...present: string[]) => CARD_FIELDS.filter((f) => !present.includes(f));

const EXAMPLES: ExampleCase[] = [
  {
    fixture: 'agent-card-extensions',
    section: '4.6.1 Extension Declaration',
    schema: AgentCardSchema,
    invalid: ['version'],
    why: 'the example omits the REQUIRED AgentCard.version (it also had a trailing comma, removed)',
  },
  {
    fixture: 'send-message-request-extensions',
    section: '4.6.1 Extension Declaration (HTTP body)',
    schema: SendMessageRequestSchema,
    invalid: ['message.messageId'],
    why: 'the example message has no messageId, REQUIRED in the proto',
  },
  {
    fixture: 'message-extension',
    section: '4.6.2 Extension Points (Message)',
    schema: MessageSchema,
    invalid: ['messageId'],
    why: 'the example message has no messageId, REQUIRED in the proto',
  },
  {
    fixture: 'artifact-extension',
    section: '4.6.2 Extension Points (Artifact)',
    schema: ArtifactSchema,
  },
  {
    fixture: 'agent-card-custom-binding',
    section: '5.8 Custom Binding Identification',
    schema: AgentInterfaceSchema,
    select: 'supportedInterfaces[0]',
  },
  {
    fixture: 'agent-card-custom-binding',
    section: '5.8 Custom Binding Identification',
    schema: AgentCardSchema,
    invalid: cardFieldsExcept('supportedInterfaces'),
    why: 'a card fragment: only supportedInterfaces is shown',
  },
  {
    fixture: 'send-message-request-basic',
    section: '6.1 request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-response-completed',
    section: '6.1 response',
    schema: SendMessageResponseSchema,
  },
  {
    fixture: 'send-streaming-message-request',
    section: '6.2 request',
    schema: OPERATION_SCHEMAS.SendStreamingMessage.params,
  },
  {
    fixture: 'stream-response-task',
    section: '6.2 SSE event 1',
    schema: OPERATION_SCHEMAS.SendStreamingMessage.result,
  },
  {
    fixture: 'stream-response-artifact-update',
    section: '6.2 SSE event 2',
    schema: OPERATION_SCHEMAS.SendStreamingMessage.result,
    invalid: ['artifactUpdate.contextId', 'artifactUpdate.artifact.artifactId'],
    why: 'TaskArtifactUpdateEvent.context_id and Artifact.artifact_id are REQUIRED in the proto',
  },
  {
    fixture: 'stream-response-status-update',
    section: '6.2 SSE event 3',
    schema: OPERATION_SCHEMAS.SendStreamingMessage.result,
    invalid: ['statusUpdate.contextId'],
    why: 'TaskStatusUpdateEvent.context_id is REQUIRED in the proto',
  },
  {
    fixture: 'send-message-request-multi-turn',
    section: '6.3 initial request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-response-input-required',
    section: '6.3 response (input required)',
    schema: SendMessageResponseSchema,
    invalid: ['task.status.message.messageId'],
    why: 'the status message has no messageId, REQUIRED in the proto',
  },
  {
    fixture: 'send-message-request-follow-up',
    section: '6.3 follow-up request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-request-version-error',
    section: '6.4 request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'list-tasks-response-by-context',
    section: '6.5 tasks of one context',
    schema: OPERATION_SCHEMAS.ListTasks.result,
  },
  {
    fixture: 'list-tasks-response-working',
    section: '6.5 working tasks',
    schema: OPERATION_SCHEMAS.ListTasks.result,
  },
  {
    fixture: 'list-tasks-response-pagination',
    section: '6.5 pagination (placeholder comment removed)',
    schema: OPERATION_SCHEMAS.ListTasks.result,
  },
  {
    fixture: 'send-message-request-push-config',
    section: '6.6 request with push config',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-response-submitted',
    section: '6.6 response',
    schema: SendMessageResponseSchema,
  },
  {
    fixture: 'stream-response-push-status-update',
    section: '6.6 webhook payload',
    schema: StreamResponseSchema,
  },
  {
    fixture: 'send-message-request-file-upload',
    section: '6.7 request (syntax fixed)',
    schema: SendMessageRequestSchema,
    invalid: ['message.parts[1].raw'],
    why: 'raw is truncated with "..." in the spec, which is not base64',
  },
  {
    fixture: 'send-message-response-file',
    section: '6.7 response',
    schema: SendMessageResponseSchema,
  },
  {
    fixture: 'send-message-request-structured-data',
    section: '6.8 request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-response-structured-data',
    section: '6.8 response',
    schema: SendMessageResponseSchema,
  },
  {
    fixture: 'agent-card-public-fragment',
    section: '6.9 step 1',
    schema: AgentCardSchema,
    invalid: cardFieldsExcept('capabilities'),
    why: 'a card fragment ("response includes")',
  },
  {
    fixture: 'agent-card-public-fragment',
    section: '6.9 step 1',
    schema: SecuritySchemeSchema,
    select: 'securitySchemes.google',
  },
  {
    fixture: 'agent-card-public-fragment',
    section: '6.9 step 1',
    schema: AgentCapabilitiesSchema,
    select: 'capabilities',
  },
  {
    fixture: 'agent-card-extended-fragment',
    section: '6.9 step 3 (placeholder comment removed)',
    schema: AgentCardSchema,
    invalid: cardFieldsExcept('name', 'skills'),
    why: 'a card fragment: only name and skills are shown',
  },
  {
    fixture: 'agent-card-canonicalization-fragment',
    section: '8.4.1 Canonicalization Requirements',
    schema: AgentCardSchema,
    // `description: ""` and `skills: []` are accepted on purpose (A2A.md §11.5, §11.11).
    invalid: ['supportedInterfaces', 'version', 'defaultInputModes', 'defaultOutputModes'],
    why: 'a card fragment used to show default-value removal',
  },
  {
    fixture: 'agent-card-signature',
    section: '8.4.2 Signature Format',
    schema: AgentCardSignatureSchema,
  },
  { fixture: 'agent-card-sample', section: '8.5 Sample Agent Card', schema: AgentCardSchema },
  {
    fixture: 'send-message-request-rest-extensions',
    section: '11.2 Service Parameter Transmission',
    schema: SendMessageRequestSchema,
    invalid: ['message.messageId'],
    why: 'the example message has no messageId, REQUIRED in the proto',
  },
  {
    fixture: 'send-message-request-rest',
    section: '11.4 request',
    schema: SendMessageRequestSchema,
  },
  {
    fixture: 'send-message-response-rest',
    section: '11.4 response',
    schema: SendMessageResponseSchema,
  },
  {
    fixture: 'agent-card-custom-binding-declaration',
    section: '12.7 Agent Card Declaration',
    schema: AgentInterfaceSchema,
    select: 'supportedInterfaces[0]',
    invalid: ['supportedInterfaces[0].protocolVersion'],
    why: 'AgentInterface.protocol_version is REQUIRED in the proto; the example omits it',
  },
  { fixture: 'part-text', section: 'A.2.1 current TextPart', schema: PartSchema },
  {
    fixture: 'part-raw',
    section: 'A.2.1 current FilePart',
    schema: PartSchema,
    invalid: ['raw'],
    why: 'raw is truncated with "..." in the spec, which is not base64',
  },
  {
    fixture: 'agent-card-capabilities-fragment',
    section: 'A.2.2 current structure',
    schema: AgentCapabilitiesSchema,
    select: 'capabilities',
  },
];

/** The JSON-RPC request examples of §9.4, checked through the method table. */
const JSON_RPC_EXAMPLES: { fixture: SpecFixtureName; section: string }[] = [
  { fixture: 'jsonrpc-get-task-request', section: '9.4.3 GetTask' },
  { fixture: 'jsonrpc-list-tasks-request', section: '9.4.4 ListTasks' },
  { fixture: 'jsonrpc-cancel-task-request', section: '9.4.5 CancelTask' },
  { fixture: 'jsonrpc-subscribe-to-task-request', section: '9.4.6 SubscribeToTask' },
  { fixture: 'jsonrpc-get-extended-agent-card-request', section: '9.4.8 GetExtendedAgentCard' },
];

function check(schema: AnySchema, json: unknown, select?: string) {
  return parseProtocol(schema, select === undefined ? json : getAt(json, select), select);
}

function fieldsOf(result: ReturnType<typeof check>): string[] {
  return result.success ? [] : result.violations.map((v) => v.field);
}

describe('spec example payloads (A2A 1.0.1)', () => {
  it.each(EXAMPLES.filter((e) => e.invalid === undefined))(
    '$fixture ($section) parses',
    ({ fixture, schema, select }) => {
      const result = check(schema, SPEC_FIXTURES[fixture], select);
      expect(fieldsOf(result)).toEqual([]);
    },
  );

  it.each(EXAMPLES.filter((e) => e.invalid !== undefined))(
    '$fixture ($section) is reported where it breaks the proto: $why',
    ({ fixture, schema, select, invalid }) => {
      const result = check(schema, SPEC_FIXTURES[fixture], select);
      expect(fieldsOf(result)).toEqual(invalid);
    },
  );

  it.each(JSON_RPC_EXAMPLES)('$fixture ($section) dispatches and parses', ({ fixture }) => {
    const request = SPEC_FIXTURES[fixture] as { method: string; params?: unknown };
    const method = methodByJsonRpcName(request.method, '1.0');
    expect(method?.name).toBe(request.method);
    // GetExtendedAgentCard carries no params at all (§9.4.8): its schema reads undefined as {}.
    const result = parseProtocol(OPERATION_SCHEMAS[method!.name].params, request.params);
    expect(fieldsOf(result)).toEqual([]);
  });

  it('drops the 0.3-style `security` of the sample card (8.5): unknown in 1.0, ignored', () => {
    // The proto names it security_requirements with {schemes: {name: {list}}}; the sample still
    // uses the 0.3 OpenAPI form, so a 1.0 reader sees no security requirement at all.
    const result = parseProtocol(AgentCardSchema, SPEC_FIXTURES['agent-card-sample']);
    if (!result.success) expect.fail('the sample card must parse');
    expect(hasAt(result.data, 'security')).toBe(false);
    expect(result.data.securityRequirements).toBeUndefined();
  });

  it('keeps Struct contents as sent, even keys that look like proto field names (6.8)', () => {
    const fixture = SPEC_FIXTURES['send-message-request-structured-data'];
    const result = parseProtocol(SendMessageRequestSchema, fixture);
    expect(result.success && result.data.message.parts[0]!.metadata).toEqual(
      getAt(fixture, 'message.parts[0].metadata'),
    );
  });

  it('accepts microsecond timestamps (6.8) and keeps them verbatim', () => {
    const result = parseProtocol(
      SendMessageResponseSchema,
      SPEC_FIXTURES['send-message-response-structured-data'],
    );
    expect(result.success && result.data.task?.status.timestamp).toBe(
      '2025-04-17T17:47:09.680794Z',
    );
  });

  it('reports an empty parts array at the path the spec error example uses (9.5)', () => {
    const badRequest = SPEC_ERROR_FIXTURES['jsonrpc-error-invalid-params'].error.data[0]!;
    const result = parseProtocol(
      SendMessageRequestSchema,
      applyEdit(SPEC_FIXTURES['send-message-request-basic'], { set: { 'message.parts': [] } }),
    );
    expect(fieldsOf(result)).toEqual([badRequest.fieldViolations[0]!.field]);
  });
});

describe('REST query examples (6.5, 11.5) as ListTasks / GetTask params', () => {
  const query = (search: string) => Object.fromEntries(new URLSearchParams(search));

  it.each([
    'contextId=c295ea44-7543-4f78-b524-7a38915ad6e4&pageSize=10&historyLength=3',
    'status=TASK_STATE_WORKING&pageSize=20',
    'contextId=c295ea44-7543-4f78-b524-7a38915ad6e4&pageSize=10&pageToken=base64-encoded-cursor-token',
    'contextId=uuid&status=TASK_STATE_WORKING&pageSize=50&pageToken=cursor',
  ])('?%s parses, numbers given as decimal strings', (search) => {
    const result = parseProtocol(ListTasksRequestSchema, query(search));
    expect(fieldsOf(result)).toEqual([]);
    expect(result.success && typeof result.data.pageSize).toBe('number');
  });

  it('reports the three fields of the validation error example (6.5)', () => {
    // The spec's response lists pageSize, historyLength, status; the model reports in field order.
    const result = parseProtocol(
      ListTasksRequestSchema,
      query('pageSize=150&historyLength=-5&status=TASK_STATE_RUNNING'),
    );
    expect(fieldsOf(result)).toEqual(['status', 'pageSize', 'historyLength']);
  });

  it('GET /tasks/{id}?historyLength=10 (11.5) parses with the id from the path', () => {
    const result = parseProtocol(GetTaskRequestSchema, {
      id: 'task-123',
      ...query('historyLength=10'),
    });
    expect(result).toEqual({ success: true, data: { id: 'task-123', historyLength: 10 } });
  });

  it('leaves query booleans to the REST binding: "true" is not a ProtoJSON bool', () => {
    const result = parseProtocol(ListTasksRequestSchema, query('includeArtifacts=true'));
    expect(fieldsOf(result)).toEqual(['includeArtifacts']);
  });
});

describe('A2A-Version values of the spec examples', () => {
  it.each([
    ['1.0', '1.0', '3.6.1'],
    ['0.3', '0.3', '9.2, 11.2'],
    ['0.5', undefined, '6.4 (unsupported)'],
  ])('%s -> %s (%s)', (header, expected, _section) => {
    expect(parseProtocolVersion(header)).toBe(expected);
  });
});

// ------------------------------------------------------------------------------------------------
// Mutations: edit one field of a valid example and check what the model reports.

const ABSENT = Symbol('absent');

interface Mutation {
  name: string;
  edit: JsonEdit;
  /** Field paths reported, in order; absent when the mutated payload must still parse. */
  fields?: string[];
  /** Descriptions reported, in order (only where they are part of the contract). */
  descriptions?: string[];
  /** On success: values at paths of the parsed output (`ABSENT` = key must not exist). */
  expect?: Record<string, unknown>;
}

interface MutationSuite {
  fixture: SpecFixtureName;
  schema: AnySchema;
  select?: string;
  mutations: Mutation[];
}

const PART = 'message.parts[0]';

const MUTATIONS: MutationSuite[] = [
  {
    fixture: 'send-message-request-basic',
    schema: SendMessageRequestSchema,
    mutations: [
      {
        name: 'no message',
        edit: { del: ['message'] },
        fields: ['message'],
        descriptions: ['is required'],
      },
      {
        name: 'no messageId',
        edit: { del: ['message.messageId'] },
        fields: ['message.messageId'],
        descriptions: ['is required'],
      },
      {
        name: 'empty messageId',
        edit: { set: { 'message.messageId': '' } },
        fields: ['message.messageId'],
      },
      {
        name: 'numeric messageId',
        edit: { set: { 'message.messageId': 7 } },
        fields: ['message.messageId'],
      },
      { name: 'no role', edit: { del: ['message.role'] }, fields: ['message.role'] },
      { name: 'no parts', edit: { del: ['message.parts'] }, fields: ['message.parts'] },
      {
        name: 'empty parts',
        edit: { set: { 'message.parts': [] } },
        fields: ['message.parts'],
        descriptions: ['a message needs at least one part'],
      },
      {
        name: 'parts not an array',
        edit: { set: { 'message.parts': 'hi' } },
        fields: ['message.parts'],
      },
      {
        name: 'a part with two contents',
        edit: { set: { [`${PART}.url`]: 'https://example.com/a.png' } },
        fields: [PART],
        descriptions: [
          'a part must have exactly one of text, raw, url or data; it has text and url',
        ],
      },
      {
        name: 'a part with no content',
        edit: { del: [`${PART}.text`], set: { [`${PART}.mediaType`]: 'text/plain' } },
        fields: [PART],
        descriptions: ['a part must have exactly one of text, raw, url or data; it has none'],
      },
      { name: 'numeric text', edit: { set: { [`${PART}.text`]: 42 } }, fields: [`${PART}.text`] },
      {
        name: '0.3 role name',
        edit: { set: { 'message.role': 'user' } },
        fields: ['message.role'],
      },
      {
        name: 'ROLE_UNSPECIFIED',
        edit: { set: { 'message.role': 'ROLE_UNSPECIFIED' } },
        fields: ['message.role'],
      },
      { name: 'role number 0', edit: { set: { 'message.role': 0 } }, fields: ['message.role'] },
      {
        name: 'unknown role number',
        edit: { set: { 'message.role': 9 } },
        fields: ['message.role'],
      },
      {
        name: 'role by number',
        edit: { set: { 'message.role': 2 } },
        expect: { 'message.role': 'ROLE_AGENT' },
      },
      {
        name: 'snake_case message fields',
        edit: {
          rename: { 'message.messageId': 'message_id' },
          set: { 'message.context_id': 'ctx-1', 'message.reference_task_ids': ['t-0'] },
        },
        expect: {
          'message.messageId': 'msg-uuid',
          'message.contextId': 'ctx-1',
          'message.referenceTaskIds': ['t-0'],
          'message.message_id': ABSENT,
          'message.context_id': ABSENT,
        },
      },
      {
        name: 'snake_case part field',
        edit: { set: { [`${PART}.media_type`]: 'text/plain' } },
        expect: { [`${PART}.mediaType`]: 'text/plain', [`${PART}.media_type`]: ABSENT },
      },
      {
        name: 'snake_case keys inside metadata stay as sent',
        edit: { set: { metadata: { trace_id: 'abc', nested_obj: { task_id: 1 } } } },
        expect: {
          metadata: { trace_id: 'abc', nested_obj: { task_id: 1 } },
          'metadata.traceId': undefined,
        },
      },
      {
        name: 'snake_case keys inside data stay as sent',
        edit: {
          del: [`${PART}.text`],
          set: { [`${PART}.data`]: { context_id: 'x', list: [{ a_b: 1 }] } },
        },
        expect: { [`${PART}.data`]: { context_id: 'x', list: [{ a_b: 1 }] } },
      },
      {
        name: 'unknown fields (0.3 kind, future fields)',
        edit: {
          set: { 'message.kind': 'message', [`${PART}.kind`]: 'text', futureField: { x: 1 } },
        },
        expect: { 'message.kind': ABSENT, [`${PART}.kind`]: ABSENT, futureField: ABSENT },
      },
      {
        name: 'negative historyLength',
        edit: { set: { configuration: { historyLength: -1 } } },
        fields: ['configuration.historyLength'],
        descriptions: ['historyLength must not be negative'],
      },
      {
        name: 'historyLength 0 (no history) and as a string',
        edit: { set: { configuration: { history_length: '0', return_immediately: true } } },
        expect: { 'configuration.historyLength': 0, 'configuration.returnImmediately': true },
      },
      {
        name: 'historyLength beyond int32',
        edit: { set: { configuration: { historyLength: 2 ** 31 } } },
        fields: ['configuration.historyLength'],
      },
      {
        name: 'returnImmediately as a string',
        edit: { set: { configuration: { returnImmediately: 'true' } } },
        fields: ['configuration.returnImmediately'],
      },
      {
        name: 'every violation at once',
        edit: {
          del: ['message.messageId'],
          set: { 'message.role': 'agent', configuration: { historyLength: -2 } },
        },
        fields: ['message.messageId', 'message.role', 'configuration.historyLength'],
      },
    ],
  },
  {
    fixture: 'send-message-response-completed',
    schema: SendMessageResponseSchema,
    mutations: [
      {
        name: 'no task id',
        edit: { del: ['task.id'] },
        fields: ['task.id'],
        descriptions: ['is required'],
      },
      { name: 'no status', edit: { del: ['task.status'] }, fields: ['task.status'] },
      { name: 'no state', edit: { del: ['task.status.state'] }, fields: ['task.status.state'] },
      {
        name: '0.3 state name',
        edit: { set: { 'task.status.state': 'completed' } },
        fields: ['task.status.state'],
      },
      {
        name: 'unknown state name',
        edit: { set: { 'task.status.state': 'TASK_STATE_DONE' } },
        fields: ['task.status.state'],
      },
      {
        name: 'state by number',
        edit: { set: { 'task.status.state': 7 } },
        expect: { 'task.status.state': 'TASK_STATE_REJECTED' },
      },
      {
        name: 'timestamp that is not a date',
        edit: { set: { 'task.status.timestamp': 'today' } },
        fields: ['task.status.timestamp'],
      },
      {
        name: 'timestamp without a time zone',
        edit: { set: { 'task.status.timestamp': '2025-10-28T10:30:00' } },
        fields: ['task.status.timestamp'],
      },
      {
        name: 'timestamp with month 13',
        edit: { set: { 'task.status.timestamp': '2025-13-28T10:30:00Z' } },
        fields: ['task.status.timestamp'],
        descriptions: ['must be a valid date and time'],
      },
      {
        name: 'timestamp as epoch seconds',
        edit: { set: { 'task.status.timestamp': 1761647400 } },
        fields: ['task.status.timestamp'],
      },
      {
        name: 'millisecond UTC timestamp',
        edit: { set: { 'task.status.timestamp': '2025-10-28T10:30:00.000Z' } },
        expect: { 'task.status.timestamp': '2025-10-28T10:30:00.000Z' },
      },
      {
        name: 'no artifactId',
        edit: { del: ['task.artifacts[0].artifactId'] },
        fields: ['task.artifacts[0].artifactId'],
      },
      {
        name: 'artifact with empty parts',
        edit: { set: { 'task.artifacts[0].parts': [] } },
        fields: ['task.artifacts[0].parts'],
        descriptions: ['an artifact needs at least one part'],
      },
      {
        name: 'artifacts not an array',
        edit: { set: { 'task.artifacts': {} } },
        fields: ['task.artifacts'],
      },
      {
        name: 'an invalid history message',
        edit: { set: { 'task.history': [{ messageId: 'm1', role: 'ROLE_USER', parts: [{}] }] } },
        fields: ['task.history[0].parts[0]'],
      },
      {
        name: 'both task and message',
        edit: { set: { message: { messageId: 'm', role: 'ROLE_AGENT', parts: [{ text: 'hi' }] } } },
        fields: [''],
        descriptions: ['must have exactly one of task or message'],
      },
      { name: 'neither task nor message', edit: { del: ['task'] }, fields: [''] },
      {
        name: 'snake_case task and artifact fields',
        edit: {
          rename: { 'task.contextId': 'context_id', 'task.artifacts[0].artifactId': 'artifact_id' },
        },
        expect: {
          'task.contextId': 'context-uuid',
          'task.artifacts[0].artifactId': 'artifact-uuid',
        },
      },
      {
        name: 'unknown 0.3 kind field',
        edit: { set: { 'task.kind': 'task' } },
        expect: { 'task.kind': ABSENT },
      },
    ],
  },
  {
    fixture: 'stream-response-task',
    schema: StreamResponseSchema,
    mutations: [
      {
        name: 'two payloads',
        edit: {
          set: {
            statusUpdate: { taskId: 't', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } },
          },
        },
        fields: [''],
        descriptions: [
          'a stream response must have exactly one of task, message, statusUpdate or artifactUpdate; it has task and statusUpdate',
        ],
      },
      { name: 'no payload', edit: { del: ['task'] }, fields: [''] },
      {
        name: '0.3 state name',
        edit: { set: { 'task.status.state': 'working' } },
        fields: ['task.status.state'],
      },
    ],
  },
  {
    fixture: 'stream-response-push-status-update',
    schema: StreamResponseSchema,
    mutations: [
      {
        name: 'no taskId',
        edit: { del: ['statusUpdate.taskId'] },
        fields: ['statusUpdate.taskId'],
      },
      {
        name: 'no contextId',
        edit: { del: ['statusUpdate.contextId'] },
        fields: ['statusUpdate.contextId'],
      },
      {
        name: 'no status',
        edit: { del: ['statusUpdate.status'] },
        fields: ['statusUpdate.status'],
      },
      {
        name: 'state by number',
        edit: { set: { 'statusUpdate.status.state': 5 } },
        expect: { 'statusUpdate.status.state': 'TASK_STATE_CANCELED' },
      },
      {
        name: 'snake_case wrapper and event fields',
        edit: {
          rename: {
            'statusUpdate.taskId': 'task_id',
            'statusUpdate.contextId': 'context_id',
          },
        },
        expect: {
          'statusUpdate.taskId': '43667960-d455-4453-b0cf-1bae4955270d',
          'statusUpdate.contextId': 'c295ea44-7543-4f78-b524-7a38915ad6e4',
        },
      },
      {
        name: '0.3 final and kind fields are ignored',
        edit: { set: { 'statusUpdate.final': true, 'statusUpdate.kind': 'status-update' } },
        expect: { 'statusUpdate.final': ABSENT, 'statusUpdate.kind': ABSENT },
      },
      {
        name: 'bad timestamp',
        edit: { set: { 'statusUpdate.status.timestamp': '2024-03-15 18:30:00' } },
        fields: ['statusUpdate.status.timestamp'],
      },
    ],
  },
  {
    fixture: 'stream-response-artifact-update',
    schema: StreamResponseSchema,
    mutations: [
      {
        name: 'the example completed as the proto requires',
        edit: {
          set: { 'artifactUpdate.contextId': 'ctx', 'artifactUpdate.artifact.artifactId': 'a1' },
        },
        expect: { 'artifactUpdate.artifact.artifactId': 'a1' },
      },
      {
        name: 'snake_case wrapper, append and last_chunk',
        edit: {
          rename: { artifactUpdate: 'artifact_update' },
          set: {
            'artifact_update.context_id': 'ctx',
            'artifact_update.artifact.artifact_id': 'a1',
            'artifact_update.append': true,
            'artifact_update.last_chunk': false,
          },
        },
        expect: {
          'artifactUpdate.contextId': 'ctx',
          'artifactUpdate.append': true,
          'artifactUpdate.lastChunk': false,
        },
      },
      {
        name: 'append as a string',
        edit: {
          set: {
            'artifactUpdate.contextId': 'ctx',
            'artifactUpdate.artifact.artifactId': 'a1',
            'artifactUpdate.append': 'yes',
          },
        },
        fields: ['artifactUpdate.append'],
      },
    ],
  },
  {
    fixture: 'send-message-request-push-config',
    schema: SendMessageRequestSchema,
    mutations: [
      {
        name: 'no webhook url',
        edit: { del: ['configuration.taskPushNotificationConfig.url'] },
        fields: ['configuration.taskPushNotificationConfig.url'],
      },
      {
        name: 'no authentication scheme',
        edit: { del: ['configuration.taskPushNotificationConfig.authentication.scheme'] },
        fields: ['configuration.taskPushNotificationConfig.authentication.scheme'],
      },
      {
        name: 'snake_case config key',
        edit: {
          rename: { 'configuration.taskPushNotificationConfig': 'task_push_notification_config' },
        },
        expect: {
          'configuration.taskPushNotificationConfig.url':
            'https://client.example.com/webhook/a2a-notifications',
        },
      },
      {
        name: 'the 0.3 key pushNotificationConfig is unknown in 1.0',
        edit: { rename: { 'configuration.taskPushNotificationConfig': 'pushNotificationConfig' } },
        expect: { 'configuration.taskPushNotificationConfig': ABSENT },
      },
    ],
  },
  {
    fixture: 'send-message-response-file',
    schema: SendMessageResponseSchema,
    mutations: [
      {
        name: 'url and raw in one part',
        edit: { set: { 'task.artifacts[0].parts[0].raw': 'aGVsbG8=' } },
        fields: ['task.artifacts[0].parts[0]'],
      },
      {
        name: 'empty url',
        edit: { set: { 'task.artifacts[0].parts[0].url': '' } },
        fields: ['task.artifacts[0].parts[0].url'],
      },
      {
        name: 'snake_case media_type',
        edit: { rename: { 'task.artifacts[0].parts[0].mediaType': 'media_type' } },
        expect: { 'task.artifacts[0].parts[0].mediaType': 'image/png' },
      },
    ],
  },
  {
    fixture: 'list-tasks-response-by-context',
    schema: OPERATION_SCHEMAS.ListTasks.result,
    mutations: [
      { name: 'no tasks', edit: { del: ['tasks'] }, fields: ['tasks'] },
      { name: 'no nextPageToken', edit: { del: ['nextPageToken'] }, fields: ['nextPageToken'] },
      { name: 'no pageSize', edit: { del: ['pageSize'] }, fields: ['pageSize'] },
      { name: 'no totalSize', edit: { del: ['totalSize'] }, fields: ['totalSize'] },
      { name: 'fractional pageSize', edit: { set: { pageSize: 1.5 } }, fields: ['pageSize'] },
      {
        name: 'totalSize beyond int32',
        edit: { set: { totalSize: 2 ** 31 } },
        fields: ['totalSize'],
      },
      {
        name: 'int32 fields as decimal strings',
        edit: { set: { totalSize: '5', pageSize: '10' } },
        expect: { totalSize: 5, pageSize: 10 },
      },
      {
        name: 'snake_case fields',
        edit: { rename: { nextPageToken: 'next_page_token', totalSize: 'total_size' } },
        expect: { nextPageToken: '', totalSize: 5 },
      },
      {
        name: 'bad task timestamp',
        edit: { set: { 'tasks[0].status.timestamp': '15/03/2024' } },
        fields: ['tasks[0].status.timestamp'],
      },
    ],
  },
  {
    fixture: 'jsonrpc-list-tasks-request',
    schema: ListTasksRequestSchema,
    select: 'params',
    mutations: [
      { name: 'pageSize 0', edit: { set: { 'params.pageSize': 0 } }, fields: ['params.pageSize'] },
      {
        name: 'pageSize 101',
        edit: { set: { 'params.pageSize': 101 } },
        fields: ['params.pageSize'],
        descriptions: ['pageSize must be at most 100'],
      },
      {
        name: 'pageSize 100',
        edit: { set: { 'params.pageSize': 100 } },
        expect: { pageSize: 100 },
      },
      { name: 'pageSize 1', edit: { set: { 'params.pageSize': 1 } }, expect: { pageSize: 1 } },
      {
        name: 'pageSize as a string',
        edit: { set: { 'params.pageSize': '20' } },
        expect: { pageSize: 20 },
      },
      {
        name: 'negative historyLength',
        edit: { set: { 'params.historyLength': -1 } },
        fields: ['params.historyLength'],
      },
      {
        name: 'historyLength 0',
        edit: { set: { 'params.historyLength': 0 } },
        expect: { historyLength: 0 },
      },
      {
        name: 'unknown status',
        edit: { set: { 'params.status': 'TASK_STATE_RUNNING' } },
        fields: ['params.status'],
      },
      {
        name: '0.3 status name',
        edit: { set: { 'params.status': 'working' } },
        fields: ['params.status'],
      },
      {
        name: 'status by number',
        edit: { set: { 'params.status': 6 } },
        expect: { status: 'TASK_STATE_INPUT_REQUIRED' },
      },
      {
        name: 'bad statusTimestampAfter',
        edit: { set: { 'params.statusTimestampAfter': '2025-10-28' } },
        fields: ['params.statusTimestampAfter'],
      },
      {
        name: 'statusTimestampAfter',
        edit: { set: { 'params.statusTimestampAfter': '2025-10-28T10:30:00.000Z' } },
        expect: { statusTimestampAfter: '2025-10-28T10:30:00.000Z' },
      },
      {
        name: 'includeArtifacts as a string',
        edit: { set: { 'params.includeArtifacts': 'yes' } },
        fields: ['params.includeArtifacts'],
      },
      {
        name: 'numeric contextId',
        edit: { set: { 'params.contextId': 5 } },
        fields: ['params.contextId'],
      },
      {
        name: 'snake_case params (as the TCK sends them)',
        edit: {
          rename: {
            'params.contextId': 'context_id',
            'params.pageSize': 'page_size',
            'params.pageToken': 'page_token',
          },
          set: {
            'params.history_length': 2,
            'params.include_artifacts': true,
            'params.status_timestamp_after': '2025-10-28T10:30:00Z',
          },
        },
        expect: {
          contextId: 'context-uuid',
          pageSize: 50,
          pageToken: 'cursor-token',
          historyLength: 2,
          includeArtifacts: true,
          statusTimestampAfter: '2025-10-28T10:30:00Z',
        },
      },
    ],
  },
  {
    fixture: 'jsonrpc-get-task-request',
    schema: GetTaskRequestSchema,
    select: 'params',
    mutations: [
      {
        name: 'no id',
        edit: { del: ['params.id'] },
        fields: ['params.id'],
        descriptions: ['is required'],
      },
      { name: 'empty id', edit: { set: { 'params.id': '' } }, fields: ['params.id'] },
      {
        name: 'negative historyLength',
        edit: { set: { 'params.historyLength': -5 } },
        fields: ['params.historyLength'],
      },
      {
        name: 'fractional historyLength',
        edit: { set: { 'params.historyLength': 1.5 } },
        fields: ['params.historyLength'],
      },
      {
        name: 'historyLength as a string, snake_case',
        edit: { del: ['params.historyLength'], set: { 'params.history_length': '10' } },
        expect: { historyLength: 10, history_length: ABSENT },
      },
    ],
  },
  {
    fixture: 'jsonrpc-cancel-task-request',
    schema: OPERATION_SCHEMAS.CancelTask.params,
    select: 'params',
    mutations: [
      { name: 'no id', edit: { del: ['params.id'] }, fields: ['params.id'] },
      {
        name: 'metadata not an object',
        edit: { set: { 'params.metadata': [1] } },
        fields: ['params.metadata'],
      },
      {
        name: 'metadata and tenant',
        edit: { set: { 'params.metadata': { reason_code: 1 }, 'params.tenant': 'acme' } },
        expect: { metadata: { reason_code: 1 }, tenant: 'acme' },
      },
    ],
  },
  {
    fixture: 'agent-card-sample',
    schema: AgentCardSchema,
    mutations: [
      ...CARD_FIELDS.map((field): Mutation => ({
        name: `no ${field}`,
        edit: { del: [field] },
        fields: [field],
        descriptions: ['is required'],
      })),
      {
        name: 'no interfaces',
        edit: { set: { supportedInterfaces: [] } },
        fields: ['supportedInterfaces'],
      },
      {
        name: 'interface without protocolBinding',
        edit: { del: ['supportedInterfaces[1].protocolBinding'] },
        fields: ['supportedInterfaces[1].protocolBinding'],
      },
      {
        name: 'provider without organization',
        edit: { del: ['provider.organization'] },
        fields: ['provider.organization'],
      },
      { name: 'skill without tags', edit: { del: ['skills[1].tags'] }, fields: ['skills[1].tags'] },
      {
        name: 'skill without description',
        edit: { del: ['skills[0].description'] },
        fields: ['skills[0].description'],
      },
      {
        name: 'skill with empty id',
        edit: { set: { 'skills[0].id': '' } },
        fields: ['skills[0].id'],
      },
      {
        name: 'signature without signature',
        edit: { del: ['signatures[0].signature'] },
        fields: ['signatures[0].signature'],
      },
      {
        name: 'security scheme with two kinds',
        edit: { set: { 'securitySchemes.google.mtlsSecurityScheme': {} } },
        fields: ['securitySchemes.google'],
      },
      {
        name: 'security scheme with no kind',
        edit: { set: { 'securitySchemes.google': { description: 'x' } } },
        fields: ['securitySchemes.google'],
      },
      {
        name: 'OpenID Connect scheme without URL',
        edit: { del: ['securitySchemes.google.openIdConnectSecurityScheme.openIdConnectUrl'] },
        fields: ['securitySchemes.google.openIdConnectSecurityScheme.openIdConnectUrl'],
      },
      {
        name: 'streaming as a string',
        edit: { set: { 'capabilities.streaming': 'true' } },
        fields: ['capabilities.streaming'],
      },
      {
        name: '1.0 securityRequirements',
        edit: { set: { securityRequirements: [{ schemes: { google: { list: ['openid'] } } }] } },
        expect: { 'securityRequirements[0].schemes.google.list': ['openid'] },
      },
      {
        name: 'securityRequirements with a bare scope array (0.3 shape)',
        edit: { set: { securityRequirements: [{ schemes: { google: ['openid'] } }] } },
        fields: ['securityRequirements[0].schemes.google'],
      },
      {
        name: 'snake_case card, interface and scheme fields',
        edit: {
          rename: {
            supportedInterfaces: 'supported_interfaces',
            defaultInputModes: 'default_input_modes',
            iconUrl: 'icon_url',
            securitySchemes: 'security_schemes',
            'capabilities.extendedAgentCard': 'extended_agent_card',
          },
          set: {
            'supported_interfaces[0]': {
              url: 'https://georoute-agent.example.com/a2a/v1',
              protocol_binding: 'JSONRPC',
              protocol_version: '1.0',
            },
            'security_schemes.google': {
              open_id_connect_security_scheme: { open_id_connect_url: 'https://example.com/oidc' },
            },
          },
        },
        expect: {
          'supportedInterfaces[0].protocolBinding': 'JSONRPC',
          'supportedInterfaces[0].protocolVersion': '1.0',
          'defaultInputModes[0]': 'application/json',
          iconUrl: 'https://georoute-agent.example.com/icon.png',
          'securitySchemes.google.openIdConnectSecurityScheme.openIdConnectUrl':
            'https://example.com/oidc',
          'capabilities.extendedAgentCard': true,
        },
      },
      {
        name: '0.3 top-level fields are ignored',
        edit: {
          set: {
            protocolVersion: '0.3.0',
            url: 'https://x',
            supportsAuthenticatedExtendedCard: true,
          },
        },
        expect: { protocolVersion: ABSENT, url: ABSENT, supportsAuthenticatedExtendedCard: ABSENT },
      },
    ],
  },
  {
    fixture: 'artifact-extension',
    schema: ArtifactSchema,
    mutations: [
      { name: 'no artifactId', edit: { del: ['artifactId'] }, fields: ['artifactId'] },
      { name: 'empty parts', edit: { set: { parts: [] } }, fields: ['parts'] },
      {
        name: 'a part with no content',
        edit: { set: { 'parts[0]': { filename: 'a.txt' } } },
        fields: ['parts[0]'],
      },
      {
        name: 'extensions not strings',
        edit: { set: { 'extensions[0]': 1 } },
        fields: ['extensions[0]'],
      },
    ],
  },
  {
    fixture: 'agent-card-signature',
    schema: AgentCardSignatureSchema,
    mutations: [
      { name: 'no protected header', edit: { del: ['protected'] }, fields: ['protected'] },
      { name: 'header not an object', edit: { set: { header: 'kid=1' } }, fields: ['header'] },
      {
        name: 'unprotected header object',
        edit: { set: { header: { kid: 'key-1' } } },
        expect: { header: { kid: 'key-1' } },
      },
    ],
  },
];

describe.each(MUTATIONS)('mutations of $fixture', ({ fixture, schema, select, mutations }) => {
  it.each(mutations)('$name', (mutation) => {
    const result = check(schema, applyEdit(SPEC_FIXTURES[fixture], mutation.edit), select);
    if (mutation.fields !== undefined) {
      expect(result.success).toBe(false);
      expect(fieldsOf(result)).toEqual(mutation.fields);
      if (mutation.descriptions !== undefined && !result.success) {
        expect(result.violations.map((v) => v.description)).toEqual(mutation.descriptions);
      }
      return;
    }
    expect(fieldsOf(result)).toEqual([]);
    if (!result.success) return;
    for (const [path, value] of Object.entries(mutation.expect ?? {})) {
      if (value === ABSENT) expect(hasAt(result.data, path), `${path} must be absent`).toBe(false);
      else expect(getAt(result.data, path), path).toEqual(value);
    }
  });
});
