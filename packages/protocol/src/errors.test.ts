import { describe, expect, it } from 'vitest';

import {
  A2A_ERRORS,
  type A2AErrorName,
  DEFAULT_ERROR_MAPPING_VARIANT,
  type ErrorMappingVariant,
  GRPC_STATUS_CODES,
} from './error-table.js';
import {
  A2AError,
  ContentTypeNotSupportedError,
  errorFromJsonRpc,
  errorFromRestBody,
  ExtendedAgentCardNotConfiguredError,
  ExtensionSupportRequiredError,
  InternalError,
  InvalidAgentResponseError,
  InvalidParamsError,
  InvalidRequestError,
  MethodNotFoundError,
  ParseError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PushNotificationNotSupportedError,
  TaskNotCancelableError,
  TaskNotFoundError,
  toA2AError,
  UnauthenticatedError,
  UnsupportedOperationError,
  VersionNotSupportedError,
} from './errors.js';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const BAD_REQUEST = 'type.googleapis.com/google.rpc.BadRequest';
const DOMAIN = 'a2a-protocol.org';

interface ErrorClass {
  new (message?: string, options?: { metadata?: Record<string, string> }): A2AError;
  isInstance(value: unknown): boolean;
}

// Written out from A2A.md §4 and the Baton additions, independently of error-table.ts:
// [class, code, reason, gRPC 1.0.1, gRPC 1.0.0, HTTP 1.0.1, HTTP 1.0.0]
const EXPECTED: [ErrorClass, number, string, string, string, number, number][] = [
  [ParseError, -32700, 'PARSE_ERROR', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 400, 400],
  [
    InvalidRequestError,
    -32600,
    'INVALID_REQUEST',
    'INVALID_ARGUMENT',
    'INVALID_ARGUMENT',
    400,
    400,
  ],
  [MethodNotFoundError, -32601, 'METHOD_NOT_FOUND', 'UNIMPLEMENTED', 'UNIMPLEMENTED', 404, 404],
  [InvalidParamsError, -32602, 'INVALID_PARAMS', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 400, 400],
  [InternalError, -32603, 'INTERNAL_ERROR', 'INTERNAL', 'INTERNAL', 500, 500],
  [TaskNotFoundError, -32001, 'TASK_NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 404, 404],
  [
    TaskNotCancelableError,
    -32002,
    'TASK_NOT_CANCELABLE',
    'FAILED_PRECONDITION',
    'FAILED_PRECONDITION',
    400,
    409,
  ],
  [
    PushNotificationNotSupportedError,
    -32003,
    'PUSH_NOTIFICATION_NOT_SUPPORTED',
    'FAILED_PRECONDITION',
    'UNIMPLEMENTED',
    400,
    400,
  ],
  [
    UnsupportedOperationError,
    -32004,
    'UNSUPPORTED_OPERATION',
    'FAILED_PRECONDITION',
    'UNIMPLEMENTED',
    400,
    400,
  ],
  [
    ContentTypeNotSupportedError,
    -32005,
    'CONTENT_TYPE_NOT_SUPPORTED',
    'INVALID_ARGUMENT',
    'INVALID_ARGUMENT',
    400,
    415,
  ],
  [InvalidAgentResponseError, -32006, 'INVALID_AGENT_RESPONSE', 'INTERNAL', 'INTERNAL', 500, 502],
  [
    ExtendedAgentCardNotConfiguredError,
    -32007,
    'EXTENDED_AGENT_CARD_NOT_CONFIGURED',
    'FAILED_PRECONDITION',
    'FAILED_PRECONDITION',
    400,
    400,
  ],
  [
    ExtensionSupportRequiredError,
    -32008,
    'EXTENSION_SUPPORT_REQUIRED',
    'FAILED_PRECONDITION',
    'FAILED_PRECONDITION',
    400,
    400,
  ],
  [
    VersionNotSupportedError,
    -32009,
    'VERSION_NOT_SUPPORTED',
    'FAILED_PRECONDITION',
    'UNIMPLEMENTED',
    400,
    400,
  ],
  [UnauthenticatedError, -32040, 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 401, 401],
  [
    PermissionDeniedError,
    -32041,
    'PERMISSION_DENIED',
    'PERMISSION_DENIED',
    'PERMISSION_DENIED',
    403,
    403,
  ],
  [
    PayloadTooLargeError,
    -32600,
    'PAYLOAD_TOO_LARGE',
    'RESOURCE_EXHAUSTED',
    'RESOURCE_EXHAUSTED',
    413,
    413,
  ],
];

const VARIANTS: ErrorMappingVariant[] = ['1.0.1', '1.0.0'];

/** What a JSON transport does to a value: stringify and parse back. */
function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('error table', () => {
  it('has exactly one class per entry, in the same order', () => {
    expect(Object.keys(A2A_ERRORS)).toEqual(EXPECTED.map(([Class]) => Class.name));
  });

  it('has unique reasons and valid gRPC names', () => {
    const reasons = Object.values(A2A_ERRORS).map((entry) => entry.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const entry of Object.values(A2A_ERRORS)) {
      for (const variant of VARIANTS) expect(GRPC_STATUS_CODES).toHaveProperty(entry.grpc[variant]);
    }
  });

  it('defaults to the 1.0.0 mapping, the one the TCK checks', () => {
    expect(DEFAULT_ERROR_MAPPING_VARIANT).toBe('1.0.0');
    expect(new TaskNotCancelableError().httpStatus()).toBe(409);
    expect(new UnsupportedOperationError().grpcStatus()).toBe('UNIMPLEMENTED');
    expect(new ContentTypeNotSupportedError().toRestError().status).toBe(415);
  });

  const rows = EXPECTED.map((row) => [row[0].name as A2AErrorName, ...row] as const);
  describe.each(rows)('%s', (name, Class, code, reason, grpc101, grpc100, http101, http100) => {
    it('carries its code, reason, name and default message', () => {
      const error = new Class();
      expect(error).toBeInstanceOf(A2AError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(error.reason).toBe(reason);
      expect(error.message).toBe(A2A_ERRORS[name].message);
      expect(error.message).not.toBe('');
    });

    it('maps to the statuses of both spec variants', () => {
      const error = new Class();
      expect(error.grpcStatus('1.0.1')).toBe(grpc101);
      expect(error.grpcStatus('1.0.0')).toBe(grpc100);
      expect(error.httpStatus('1.0.1')).toBe(http101);
      expect(error.httpStatus('1.0.0')).toBe(http100);
      expect(error.toRestError('1.0.1')).toMatchObject({
        status: http101,
        body: { error: { code: http101, status: grpc101 } },
      });
      expect(error.toRestError('1.0.0')).toMatchObject({
        status: http100,
        body: { error: { code: http100, status: grpc100 } },
      });
    });

    it('is recognised by its own isInstance only', () => {
      const error = new Class();
      expect(Class.isInstance(error)).toBe(true);
      expect(A2AError.isInstance(error)).toBe(true);
      for (const [Other] of EXPECTED) {
        if (Other !== Class) expect(Other.isInstance(error)).toBe(false);
      }
    });

    it('round-trips through JSON-RPC 1.0', () => {
      const original = new Class('custom message', { metadata: { taskId: 't-1' } });
      const rebuilt = errorFromJsonRpc(overTheWire(original.toJsonRpcError()));
      expect(rebuilt).toBeInstanceOf(Class);
      expect(Class.isInstance(rebuilt)).toBe(true);
      expect(rebuilt.name).toBe(name);
      expect(rebuilt.message).toBe('custom message');
      expect(rebuilt.metadata).toEqual({ taskId: 't-1' });
      expect(rebuilt.toJsonRpcError()).toEqual(original.toJsonRpcError());
    });

    it.each(VARIANTS)('round-trips through REST (%s)', (variant) => {
      const original = new Class('custom message', { metadata: { taskId: 't-1' } });
      const { status, body } = overTheWire(original.toRestError(variant));
      const rebuilt = errorFromRestBody(status, body);
      expect(rebuilt).toBeInstanceOf(Class);
      expect(Class.isInstance(rebuilt)).toBe(true);
      expect(rebuilt.message).toBe('custom message');
      expect(rebuilt.metadata).toEqual({ taskId: 't-1' });
      expect(rebuilt.toRestError(variant)).toEqual(original.toRestError(variant));
    });

    it('round-trips through JSON-RPC 0.3 by code', () => {
      const rebuilt = errorFromJsonRpc(overTheWire(new Class('custom message').toJsonRpcError03()));
      expect(rebuilt.code).toBe(code);
      expect(rebuilt.message).toBe('custom message');
      // 0.3 has no ErrorInfo: a code shared by two entries rebuilds as the first of them.
      const expected = Class === PayloadTooLargeError ? InvalidRequestError : Class;
      expect(rebuilt).toBeInstanceOf(expected);
    });
  });
});

describe('wire shapes', () => {
  it('serializes a 1.0 JSON-RPC error to exactly code, message and data', () => {
    const error = new TaskNotFoundError(undefined, { metadata: { taskId: 'task-1' } });
    const wire = overTheWire(error.toJsonRpcError());
    expect(Object.keys(wire)).toEqual(['code', 'message', 'data']);
    expect(wire).toEqual({
      code: -32001,
      message: 'Task not found',
      data: [
        {
          '@type': ERROR_INFO,
          reason: 'TASK_NOT_FOUND',
          domain: DOMAIN,
          metadata: { taskId: 'task-1' },
        },
      ],
    });
  });

  it('omits empty metadata from ErrorInfo', () => {
    expect(overTheWire(new InternalError().toJsonRpcError())).toEqual({
      code: -32603,
      message: 'Internal error',
      data: [{ '@type': ERROR_INFO, reason: 'INTERNAL_ERROR', domain: DOMAIN }],
    });
    expect(new InternalError(undefined, { metadata: {} }).toJsonRpcError().data).toEqual([
      { '@type': ERROR_INFO, reason: 'INTERNAL_ERROR', domain: DOMAIN },
    ]);
  });

  it('puts ErrorInfo, then BadRequest, then extra details', () => {
    const extra = { '@type': 'type.googleapis.com/google.rpc.Help', links: [] };
    const error = new InvalidParamsError('bad message', {
      fieldViolations: [{ field: 'message.parts', description: 'must not be empty' }],
      details: [extra],
    });
    expect(overTheWire(error.toJsonRpcError('1.0.1'))).toEqual({
      code: -32602,
      message: 'bad message',
      data: [
        { '@type': ERROR_INFO, reason: 'INVALID_PARAMS', domain: DOMAIN },
        {
          '@type': BAD_REQUEST,
          fieldViolations: [{ field: 'message.parts', description: 'must not be empty' }],
        },
        extra,
      ],
    });
  });

  it('serializes the 0.3 dialect with free-form data', () => {
    expect(overTheWire(new TaskNotFoundError().toJsonRpcError03())).toEqual({
      code: -32001,
      message: 'Task not found',
    });
    const violations = [{ field: 'id', description: 'required' }];
    expect(
      overTheWire(
        new InvalidParamsError(undefined, { fieldViolations: violations }).toJsonRpcError03(),
      ),
    ).toEqual({ code: -32602, message: 'Invalid parameters', data: violations });
    expect(new TaskNotFoundError(undefined, { data: { taskId: 't' } }).toJsonRpcError03()).toEqual({
      code: -32001,
      message: 'Task not found',
      data: { taskId: 't' },
    });
  });

  it.each([
    ['1.0.1', 400, 'FAILED_PRECONDITION'],
    ['1.0.0', 409, 'FAILED_PRECONDITION'],
  ] as const)('serializes a REST error as AIP-193 (%s)', (variant, http, status) => {
    const error = new TaskNotCancelableError('task t-1 is completed', {
      metadata: { taskId: 't-1' },
    });
    expect(overTheWire(error.toRestError(variant))).toEqual({
      status: http,
      body: {
        error: {
          code: http,
          status,
          message: 'task t-1 is completed',
          details: [
            {
              '@type': ERROR_INFO,
              reason: 'TASK_NOT_CANCELABLE',
              domain: DOMAIN,
              metadata: { taskId: 't-1' },
            },
          ],
        },
      },
    });
  });

  it('keeps field violations on a REST round trip', () => {
    const violations = [{ field: 'pageSize', description: 'must be at most 100' }];
    const error = new InvalidParamsError(undefined, { fieldViolations: violations });
    const { status, body } = overTheWire(error.toRestError('1.0.1'));
    const rebuilt = errorFromRestBody(status, body);
    expect(InvalidParamsError.isInstance(rebuilt)).toBe(true);
    expect(rebuilt.fieldViolations).toEqual(violations);
  });
});

describe('errorFromJsonRpc', () => {
  it('keeps field violations and unknown details in order', () => {
    const help = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ url: 'x' }] };
    const rebuilt = errorFromJsonRpc({
      code: -32602,
      message: 'bad',
      data: [
        { '@type': ERROR_INFO, reason: 'INVALID_PARAMS', domain: DOMAIN, metadata: { a: 'b' } },
        help,
        { '@type': BAD_REQUEST, fieldViolations: [{ field: 'f', description: 'd' }] },
      ],
    });
    expect(rebuilt).toBeInstanceOf(InvalidParamsError);
    expect(rebuilt.metadata).toEqual({ a: 'b' });
    expect(rebuilt.fieldViolations).toEqual([{ field: 'f', description: 'd' }]);
    expect(rebuilt.details).toEqual([help]);
  });

  it('reads ProtoJSON violations with omitted empty strings', () => {
    const rebuilt = errorFromJsonRpc({
      code: -32602,
      message: 'bad',
      data: [{ '@type': BAD_REQUEST, fieldViolations: [{ field: 'f' }] }],
    });
    expect(rebuilt.fieldViolations).toEqual([{ field: 'f', description: '' }]);
  });

  it('tells the errors sharing -32600 apart by reason', () => {
    const tooLarge = errorFromJsonRpc(new PayloadTooLargeError().toJsonRpcError());
    expect(tooLarge).toBeInstanceOf(PayloadTooLargeError);
    expect(InvalidRequestError.isInstance(tooLarge)).toBe(false);
    const invalid = errorFromJsonRpc({ code: -32600, message: 'nope' });
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(PayloadTooLargeError.isInstance(invalid)).toBe(false);
  });

  it('chooses the class by code when the reason does not match', () => {
    const rebuilt = errorFromJsonRpc({
      code: -32001,
      message: 'gone',
      data: [{ '@type': ERROR_INFO, reason: 'SOMETHING_ELSE', domain: DOMAIN }],
    });
    expect(rebuilt).toBeInstanceOf(TaskNotFoundError);
    expect(rebuilt.reason).toBe('TASK_NOT_FOUND');
    expect(TaskNotFoundError.isInstance(rebuilt)).toBe(true);
  });

  it('treats an ErrorInfo from another domain as an ordinary detail', () => {
    const foreign = { '@type': ERROR_INFO, reason: 'QUOTA', domain: 'example.com' };
    const rebuilt = errorFromJsonRpc({ code: -32001, message: 'x', data: [foreign] });
    expect(rebuilt).toBeInstanceOf(TaskNotFoundError);
    expect(rebuilt.details).toEqual([foreign]);
  });

  it('keeps 0.3 free-form data and reads violations from it', () => {
    const data = [{ field: 'params.id', description: 'required' }];
    const rebuilt = errorFromJsonRpc({ code: -32602, message: 'bad', data });
    expect(rebuilt).toBeInstanceOf(InvalidParamsError);
    expect(rebuilt.fieldViolations).toEqual(data);
    expect(rebuilt.data).toEqual(data);
    expect(rebuilt.toJsonRpcError03()).toEqual({ code: -32602, message: 'bad', data });

    const free = errorFromJsonRpc({ code: -32001, message: 'x', data: { taskId: 't' } });
    expect(free.data).toEqual({ taskId: 't' });
    expect(free.details).toEqual([]);
    expect(free.toJsonRpcError03()).toEqual({ code: -32001, message: 'x', data: { taskId: 't' } });
  });

  it('gives a plain A2AError for an unknown code and keeps what it carries', () => {
    const wire = {
      code: -32077,
      message: 'custom',
      data: [{ '@type': ERROR_INFO, reason: 'CUSTOM', domain: DOMAIN, metadata: { k: 'v' } }],
    };
    const rebuilt = errorFromJsonRpc(wire);
    expect(rebuilt.constructor).toBe(A2AError);
    expect(rebuilt.name).toBe('A2AError');
    expect(rebuilt.code).toBe(-32077);
    expect(rebuilt.reason).toBe('CUSTOM');
    expect(rebuilt.httpStatus()).toBe(500);
    expect(rebuilt.grpcStatus()).toBe('UNKNOWN');
    expect(A2AError.isInstance(rebuilt)).toBe(true);
    expect(EXPECTED.some(([Class]) => Class.isInstance(rebuilt))).toBe(false);
    expect(rebuilt.toJsonRpcError()).toEqual(wire);
  });

  it('uses the default message when the message is missing', () => {
    expect(errorFromJsonRpc({ code: -32001 }).message).toBe('Task not found');
    expect(errorFromJsonRpc({ code: -32077 }).message).toBe('A2A error -32077');
  });

  it.each([
    ['null', null],
    ['a string', 'Task not found'],
    ['an array', [{ code: -32001 }]],
    ['no code', { message: 'm' }],
    ['a string code', { code: '-32001', message: 'm' }],
    ['a fractional code', { code: -32001.5, message: 'm' }],
  ])('never throws on %s', (_label, input) => {
    const rebuilt = errorFromJsonRpc(input);
    expect(rebuilt).toBeInstanceOf(InternalError);
    expect(rebuilt.message).toMatch(/^Malformed JSON-RPC error/);
  });

  it('never throws on odd details', () => {
    const rebuilt = errorFromJsonRpc({
      code: -32001,
      message: 'm',
      data: [
        { '@type': ERROR_INFO, reason: 'TASK_NOT_FOUND', metadata: { ok: 'yes', bad: 1 } },
        { '@type': BAD_REQUEST, fieldViolations: 'not an array' },
      ],
    });
    expect(rebuilt).toBeInstanceOf(TaskNotFoundError);
    expect(rebuilt.metadata).toEqual({ ok: 'yes' });
    expect(rebuilt.details).toEqual([{ '@type': BAD_REQUEST, fieldViolations: 'not an array' }]);
  });
});

describe('errorFromRestBody', () => {
  it('chooses the class by ErrorInfo reason, whatever the status', () => {
    const body = {
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'too big',
        details: [{ '@type': ERROR_INFO, reason: 'PAYLOAD_TOO_LARGE', domain: DOMAIN }],
      },
    };
    expect(errorFromRestBody(400, body)).toBeInstanceOf(PayloadTooLargeError);
  });

  it.each([
    [401, UnauthenticatedError],
    [403, PermissionDeniedError],
    [413, PayloadTooLargeError],
  ])('maps a bare %i to its class', (status, Class) => {
    expect(errorFromRestBody(status, undefined)).toBeInstanceOf(Class);
    expect(errorFromRestBody(status, '<html>proxy</html>')).toBeInstanceOf(Class);
    const body = { error: { code: status, status: 'X', message: 'from proxy' } };
    const rebuilt = errorFromRestBody(status, body);
    expect(rebuilt).toBeInstanceOf(Class);
    expect(rebuilt.message).toBe('from proxy');
  });

  it('keeps the HTTP and gRPC status of an error it does not know', () => {
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'slow down',
        details: [{ '@type': ERROR_INFO, reason: 'RATE_LIMITED', domain: DOMAIN }],
      },
    };
    const rebuilt = errorFromRestBody(429, body);
    expect(rebuilt.constructor).toBe(A2AError);
    expect(rebuilt.reason).toBe('RATE_LIMITED');
    expect(rebuilt.code).toBe(-32600);
    expect(rebuilt.message).toBe('slow down');
    expect(EXPECTED.some(([Class]) => Class.isInstance(rebuilt))).toBe(false);
    expect(rebuilt.toRestError('1.0.1')).toEqual({ status: 429, body });
    expect(rebuilt.toRestError('1.0.0')).toEqual({ status: 429, body });
  });

  it('gives a plain A2AError for a bare 404 or 503 without ErrorInfo', () => {
    const notFound = errorFromRestBody(404, { error: { code: 404, status: 'NOT_FOUND' } });
    expect(notFound.constructor).toBe(A2AError);
    expect(notFound.httpStatus()).toBe(404);
    expect(notFound.grpcStatus()).toBe('NOT_FOUND');
    expect(notFound.reason).toBe('UNKNOWN');
    expect(notFound.message).toBe('HTTP 404');
    const unavailable = errorFromRestBody(503, { error: { message: 'down' } });
    expect(unavailable.code).toBe(-32603);
    expect(unavailable.httpStatus('1.0.1')).toBe(503);
    expect(InternalError.isInstance(unavailable)).toBe(false);
  });

  it.each([
    ['null', null],
    ['a string', 'Bad Gateway'],
    ['no error member', { message: 'x' }],
    ['a string error member', { error: 'x' }],
  ])('never throws on %s', (_label, body) => {
    const rebuilt = errorFromRestBody(502, body);
    expect(rebuilt).toBeInstanceOf(InternalError);
    expect(rebuilt.message).toBe('Malformed REST error body (HTTP 502)');
  });

  it('keeps a details member that is not an array as a detail', () => {
    const rebuilt = errorFromRestBody(500, { error: { message: 'x', details: { odd: true } } });
    expect(rebuilt.details).toEqual([{ odd: true }]);
  });
});

describe('brand', () => {
  const BRAND = Symbol.for('baton.a2a-error');

  it('recognises an error from another installed copy', () => {
    // What a second copy of @baton/protocol produces: same brand, different class.
    const foreign = {
      [BRAND]: true,
      name: 'TaskNotFoundError',
      code: -32001,
      reason: 'TASK_NOT_FOUND',
      message: 'Task not found',
    };
    expect(foreign instanceof A2AError).toBe(false);
    expect(A2AError.isInstance(foreign)).toBe(true);
    expect(TaskNotFoundError.isInstance(foreign)).toBe(true);
    expect(TaskNotCancelableError.isInstance(foreign)).toBe(false);
    expect(toA2AError(foreign)).toBe(foreign);
  });

  it('rejects look-alikes without the brand', () => {
    const lookAlike = { code: -32001, reason: 'TASK_NOT_FOUND', message: 'Task not found' };
    expect(A2AError.isInstance(lookAlike)).toBe(false);
    expect(TaskNotFoundError.isInstance(lookAlike)).toBe(false);
    expect(A2AError.isInstance({ [BRAND]: true })).toBe(false);
    expect(A2AError.isInstance(new Error('x'))).toBe(false);
    expect(A2AError.isInstance(null)).toBe(false);
    expect(A2AError.isInstance('TASK_NOT_FOUND')).toBe(false);
  });

  it('is not an enumerable property and never serialized', () => {
    const error = new TaskNotFoundError();
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect((error as unknown as Record<symbol, unknown>)[BRAND]).toBe(true);
  });

  it('works with isInstance passed as a callback', () => {
    const errors = [new TaskNotFoundError(), new InternalError(), new Error('x')];
    expect(errors.filter(TaskNotFoundError.isInstance)).toHaveLength(1);
    expect(errors.filter(A2AError.isInstance)).toHaveLength(2);
  });

  it('recognises a hand-built A2AError by code and reason', () => {
    const error = new A2AError({ code: -32001 });
    expect(error.name).toBe('A2AError');
    expect(error.reason).toBe('TASK_NOT_FOUND');
    expect(error.httpStatus()).toBe(404);
    expect(TaskNotFoundError.isInstance(error)).toBe(true);
    expect(TaskNotFoundError.isInstance(new A2AError({ code: -32001, reason: 'OTHER' }))).toBe(
      false,
    );
  });
});

describe('cause and normalization', () => {
  it('passes cause to Error and leaves it out when absent', () => {
    const root = new Error('disk full');
    const error = new InternalError(undefined, { cause: root });
    expect(error.cause).toBe(root);
    expect('cause' in new InternalError()).toBe(false);
    expect(JSON.stringify(error.toJsonRpcError())).not.toContain('disk full');
  });

  it('leaves A2A errors unchanged', () => {
    const error = new TaskNotFoundError();
    expect(toA2AError(error)).toBe(error);
  });

  it.each([
    ['an Error', new Error('SELECT * FROM secrets failed')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['an object', { code: -32001 }],
  ])('turns %s into an InternalError with a safe message', (_label, thrown) => {
    const error = toA2AError(thrown);
    expect(error).toBeInstanceOf(InternalError);
    expect(error.message).toBe('Internal error');
    expect(error.cause).toBe(thrown);
    expect('cause' in error).toBe(true);
  });
});
