/** The HTTP verb of a REST route. */
export type HttpVerb = 'GET' | 'POST' | 'DELETE';

/** One REST route: verb and path template (`{id}`, `{taskId}` are path parameters). */
export interface RestRoute {
  verb: HttpVerb;
  path: string;
}

/** How one A2A operation is named on each binding and version (spec §2 / A2A.md §2.1). */
export interface MethodInfo {
  /** The operation's 1.0 name, also its JSON-RPC 1.0 method and gRPC method. */
  name: OperationName;
  /** The JSON-RPC 0.3 method, or undefined when 0.3 has none (ListTasks). */
  jsonRpc03: string | undefined;
  /** The response is a stream of events. */
  streaming: boolean;
  /** REST 1.0 routes (also served under `/{tenant}`). */
  rest: readonly RestRoute[];
  /** REST 0.3 routes (under `/v1`). */
  rest03: readonly RestRoute[];
  /** Safe to retry: the call changes nothing, or repeating it changes nothing more. */
  idempotent: boolean;
}

/** The names of the eleven A2A operations, as in protocol 1.0. */
export const OPERATION_NAMES = [
  'SendMessage',
  'SendStreamingMessage',
  'GetTask',
  'ListTasks',
  'CancelTask',
  'SubscribeToTask',
  'CreateTaskPushNotificationConfig',
  'GetTaskPushNotificationConfig',
  'ListTaskPushNotificationConfigs',
  'DeleteTaskPushNotificationConfig',
  'GetExtendedAgentCard',
] as const;

/** The name of an A2A operation, as in protocol 1.0. */
export type OperationName = (typeof OPERATION_NAMES)[number];

const post = (path: string): RestRoute => ({ verb: 'POST', path });
const get = (path: string): RestRoute => ({ verb: 'GET', path });
const del = (path: string): RestRoute => ({ verb: 'DELETE', path });

/** The method table: each operation's names and routes on every binding and version. */
export const METHODS: { readonly [Name in OperationName]: MethodInfo } = {
  SendMessage: {
    name: 'SendMessage',
    jsonRpc03: 'message/send',
    streaming: false,
    rest: [post('/message:send')],
    rest03: [post('/v1/message:send')],
    idempotent: false,
  },
  SendStreamingMessage: {
    name: 'SendStreamingMessage',
    jsonRpc03: 'message/stream',
    streaming: true,
    rest: [post('/message:stream')],
    rest03: [post('/v1/message:stream')],
    idempotent: false,
  },
  GetTask: {
    name: 'GetTask',
    jsonRpc03: 'tasks/get',
    streaming: false,
    rest: [get('/tasks/{id}')],
    rest03: [get('/v1/tasks/{id}')],
    idempotent: true,
  },
  ListTasks: {
    name: 'ListTasks',
    jsonRpc03: undefined,
    streaming: false,
    rest: [get('/tasks')],
    rest03: [get('/v1/tasks')],
    idempotent: true,
  },
  CancelTask: {
    name: 'CancelTask',
    jsonRpc03: 'tasks/cancel',
    streaming: false,
    rest: [post('/tasks/{id}:cancel')],
    rest03: [post('/v1/tasks/{id}:cancel')],
    idempotent: true,
  },
  SubscribeToTask: {
    name: 'SubscribeToTask',
    jsonRpc03: 'tasks/resubscribe',
    streaming: true,
    // The proto binds GET, the spec text and the TCK use POST: serve both.
    rest: [get('/tasks/{id}:subscribe'), post('/tasks/{id}:subscribe')],
    rest03: [get('/v1/tasks/{id}:subscribe'), post('/v1/tasks/{id}:subscribe')],
    idempotent: true,
  },
  CreateTaskPushNotificationConfig: {
    name: 'CreateTaskPushNotificationConfig',
    jsonRpc03: 'tasks/pushNotificationConfig/set',
    streaming: false,
    rest: [post('/tasks/{taskId}/pushNotificationConfigs')],
    rest03: [post('/v1/tasks/{taskId}/pushNotificationConfigs')],
    idempotent: false,
  },
  GetTaskPushNotificationConfig: {
    name: 'GetTaskPushNotificationConfig',
    jsonRpc03: 'tasks/pushNotificationConfig/get',
    streaming: false,
    rest: [get('/tasks/{taskId}/pushNotificationConfigs/{id}')],
    rest03: [get('/v1/tasks/{taskId}/pushNotificationConfigs/{id}')],
    idempotent: true,
  },
  ListTaskPushNotificationConfigs: {
    name: 'ListTaskPushNotificationConfigs',
    jsonRpc03: 'tasks/pushNotificationConfig/list',
    streaming: false,
    rest: [get('/tasks/{taskId}/pushNotificationConfigs')],
    rest03: [get('/v1/tasks/{taskId}/pushNotificationConfigs')],
    idempotent: true,
  },
  DeleteTaskPushNotificationConfig: {
    name: 'DeleteTaskPushNotificationConfig',
    jsonRpc03: 'tasks/pushNotificationConfig/delete',
    streaming: false,
    rest: [del('/tasks/{taskId}/pushNotificationConfigs/{id}')],
    rest03: [del('/v1/tasks/{taskId}/pushNotificationConfigs/{id}')],
    idempotent: true,
  },
  GetExtendedAgentCard: {
    name: 'GetExtendedAgentCard',
    jsonRpc03: 'agent/getAuthenticatedExtendedCard',
    streaming: false,
    rest: [get('/extendedAgentCard')],
    rest03: [get('/v1/card')],
    idempotent: true,
  },
};

const BY_03_NAME = new Map<string, MethodInfo>(
  Object.values(METHODS)
    .filter((info) => info.jsonRpc03 !== undefined)
    .map((info) => [info.jsonRpc03!, info]),
);

/** Looks an operation up by its JSON-RPC method name in the given dialect. */
export function methodByJsonRpcName(
  method: string,
  dialect: ProtocolVersion,
): MethodInfo | undefined {
  if (dialect === '0.3') return BY_03_NAME.get(method);
  return Object.hasOwn(METHODS, method) ? METHODS[method as OperationName] : undefined;
}

/** The protocol versions Baton speaks, as `Major.Minor`. */
export const PROTOCOL_VERSIONS = ['1.0', '0.3'] as const;
/** A protocol version Baton speaks. */
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];
/** The newest protocol version, and the canonical model inside Baton. */
export const LATEST_PROTOCOL_VERSION: ProtocolVersion = '1.0';

/**
 * Reads an `A2A-Version` value: missing or empty means 0.3 (spec §7), patch numbers are ignored
 * (`1.0.2` is `1.0`). Returns undefined for a version Baton does not speak.
 */
export function parseProtocolVersion(
  header: string | null | undefined,
): ProtocolVersion | undefined {
  const value = header?.trim() ?? '';
  if (value === '') return '0.3';
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(value);
  if (!match) return undefined;
  const version = `${Number(match[1])}.${Number(match[2])}`;
  return (PROTOCOL_VERSIONS as readonly string[]).includes(version)
    ? (version as ProtocolVersion)
    : undefined;
}
