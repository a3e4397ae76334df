import { type OperationName, type Part } from '@baton/protocol';

/** The fields of the debugger's request form. */
export interface FormFields {
  text: string;
  /** JSON of a data part; empty for none. */
  data: string;
  /** JSON object of message metadata; empty for none. */
  metadata: string;
  files: { name: string; mediaType: string; base64: string }[];
  /** The task a message continues (open tasks only). */
  continueTaskId: string;
  /** The task Get, Cancel, Subscribe and push operations act on. */
  taskId: string;
  contextId: string;
  returnImmediately: boolean;
  historyLength: string;
  pushUrl: string;
  pushToken: string;
  configId: string;
  status: string;
  pageSize: string;
  pageToken: string;
  /** Extra request headers, one `Name: value` a line. */
  headers: string;
}

/** The operations the debugger offers, in menu order. */
export const DEBUG_OPERATIONS: readonly OperationName[] = [
  'SendMessage',
  'SendStreamingMessage',
  'GetTask',
  'CancelTask',
  'SubscribeToTask',
  'ListTasks',
  'CreateTaskPushNotificationConfig',
  'GetTaskPushNotificationConfig',
  'ListTaskPushNotificationConfigs',
  'DeleteTaskPushNotificationConfig',
  'GetExtendedAgentCard',
];

/** A form field's value as JSON, with a plain error naming the field. */
function json(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${field} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

const int = (text: string) => (text.trim() === '' ? undefined : Number(text));
const opt = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** Builds the canonical (1.0) params of an operation from the form; throws on bad input. */
export function buildParams(operation: OperationName, f: FormFields): unknown {
  switch (operation) {
    case 'SendMessage':
    case 'SendStreamingMessage': {
      const parts: Part[] = [];
      if (f.text !== '') parts.push({ text: f.text });
      if (f.data.trim() !== '')
        parts.push({ data: json(f.data, 'Data') as never, mediaType: 'application/json' });
      for (const file of f.files)
        parts.push({ raw: file.base64, filename: file.name, mediaType: file.mediaType });
      if (parts.length === 0) throw new Error('A message needs text, data or a file.');
      const metadata = f.metadata.trim() === '' ? undefined : json(f.metadata, 'Metadata');
      const configuration =
        operation === 'SendMessage' && (f.returnImmediately || int(f.historyLength) !== undefined)
          ? {
              returnImmediately: f.returnImmediately || undefined,
              historyLength: int(f.historyLength),
            }
          : undefined;
      return {
        message: {
          messageId: crypto.randomUUID(),
          role: 'ROLE_USER',
          parts,
          taskId: opt(f.continueTaskId),
          contextId: opt(f.contextId),
          metadata,
        },
        configuration,
      };
    }
    case 'GetTask':
      return { id: f.taskId.trim(), historyLength: int(f.historyLength) };
    case 'CancelTask':
    case 'SubscribeToTask':
      return { id: f.taskId.trim() };
    case 'ListTasks':
      return {
        contextId: opt(f.contextId),
        status: opt(f.status),
        pageSize: int(f.pageSize),
        pageToken: opt(f.pageToken),
        historyLength: int(f.historyLength),
      };
    case 'CreateTaskPushNotificationConfig':
      return { taskId: f.taskId.trim(), url: f.pushUrl.trim(), token: opt(f.pushToken) };
    case 'GetTaskPushNotificationConfig':
    case 'DeleteTaskPushNotificationConfig':
      return { taskId: f.taskId.trim(), id: f.configId.trim() };
    case 'ListTaskPushNotificationConfigs':
      return { taskId: f.taskId.trim() };
    case 'GetExtendedAgentCard':
      return {};
  }
}

/** Which form fields an operation uses. */
export function fieldsFor(operation: OperationName): ReadonlySet<keyof FormFields> {
  const send = ['text', 'data', 'metadata', 'files', 'continueTaskId', 'contextId'] as const;
  const map: Record<OperationName, readonly (keyof FormFields)[]> = {
    SendMessage: [...send, 'returnImmediately', 'historyLength'],
    SendStreamingMessage: send,
    GetTask: ['taskId', 'historyLength'],
    CancelTask: ['taskId'],
    SubscribeToTask: ['taskId'],
    ListTasks: ['contextId', 'status', 'pageSize', 'pageToken', 'historyLength'],
    CreateTaskPushNotificationConfig: ['taskId', 'pushUrl', 'pushToken'],
    GetTaskPushNotificationConfig: ['taskId', 'configId'],
    DeleteTaskPushNotificationConfig: ['taskId', 'configId'],
    ListTaskPushNotificationConfigs: ['taskId'],
    GetExtendedAgentCard: [],
  };
  return new Set(map[operation]);
}

/** Reads `Name: value` lines into headers; lines without a colon are ignored. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** Replaces ids of the recorded session with those of the replay, everywhere in the params. */
export function remapIds(params: unknown, ids: ReadonlyMap<string, string>): unknown {
  const text = JSON.stringify(params ?? {}, (key, value: unknown) => {
    if (key === 'messageId') return crypto.randomUUID();
    return typeof value === 'string' && ids.has(value) ? ids.get(value) : value;
  });
  return JSON.parse(text);
}
