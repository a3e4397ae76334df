import { z } from 'zod';

import { MISS } from '../fast-parse.js';
import { type OperationName } from '../methods.js';
import { type OperationParams, type OperationResult } from '../operation-types.js';
import { parseProtocol, type ParseResult } from '../validation.js';
import { fastParse03 } from './fast-parse-03.js';
import {
  type AgentCard03,
  AgentCard03Schema,
  cardFrom03,
  cardTo03,
  decodeAgentCardAnyVersion,
} from './v03-card.js';
import { compact, fillEventKind } from './v03-common.js';
import {
  deriveFinal03,
  encodeStreamEvent03,
  type StreamEvent03,
  StreamEvent03Schema,
  streamEventFrom03,
} from './v03-events.js';
import { type Message03, Message03Object, messageFrom03, messageTo03 } from './v03-message.js';
import {
  cancelTaskParamsFrom03,
  deletePushConfigParamsFrom03,
  type DeleteTaskPushNotificationConfigParams03,
  DeleteTaskPushNotificationConfigParams03Schema,
  GetAuthenticatedExtendedCardParams03Schema,
  getPushConfigParamsFrom03,
  getPushConfigParamsTo03,
  getTaskParamsFrom03,
  getTaskParamsTo03,
  type GetTaskPushNotificationConfigParams03,
  GetTaskPushNotificationConfigParams03Schema,
  listPushConfigParamsFrom03,
  type ListTasksParams03,
  ListTasksParams03Schema,
  listTasksParamsFrom03,
  listTasksParamsTo03,
  type MessageSendParams03,
  MessageSendParams03Schema,
  sendParamsFrom03,
  sendParamsTo03,
  subscribeParamsFrom03,
  type TaskIdParams03,
  TaskIdParams03Schema,
  type TaskQueryParams03,
  TaskQueryParams03Schema,
} from './v03-params.js';
import {
  taskPushConfigFrom03,
  taskPushConfigTo03,
  type TaskPushNotificationConfig03,
  TaskPushNotificationConfig03Schema,
} from './v03-push.js';
import { type Task03, Task03Object, Task03Schema, taskFrom03, taskTo03 } from './v03-task.js';

/** The 0.3 JSON-RPC params and result (stream item) of every operation (spec 0.3 §7). */
export interface Operation03Types {
  SendMessage: { params: MessageSendParams03; result: Task03 | Message03 };
  SendStreamingMessage: { params: MessageSendParams03; result: StreamEvent03 };
  GetTask: { params: TaskQueryParams03; result: Task03 };
  ListTasks: { params: ListTasksParams03; result: Task03[] };
  CancelTask: { params: TaskIdParams03; result: Task03 };
  SubscribeToTask: { params: TaskIdParams03; result: StreamEvent03 };
  CreateTaskPushNotificationConfig: {
    params: TaskPushNotificationConfig03;
    result: TaskPushNotificationConfig03;
  };
  GetTaskPushNotificationConfig: {
    params: GetTaskPushNotificationConfigParams03;
    result: TaskPushNotificationConfig03;
  };
  ListTaskPushNotificationConfigs: {
    params: TaskIdParams03;
    result: TaskPushNotificationConfig03[];
  };
  DeleteTaskPushNotificationConfig: {
    params: DeleteTaskPushNotificationConfigParams03;
    result: null;
  };
  /** No params: `encodeParams03` returns undefined, meaning "omit `params`". */
  GetExtendedAgentCard: { params: undefined; result: AgentCard03 };
}

/** The 0.3 params of an operation. */
export type Params03<Name extends OperationName> = Operation03Types[Name]['params'];
/** The 0.3 result (or stream item) of an operation. */
export type Result03<Name extends OperationName> = Operation03Types[Name]['result'];

interface Codec03<Name extends OperationName> {
  params: z.ZodType<Params03<Name>, unknown>;
  paramsFrom03: (params: Params03<Name>) => OperationParams<Name>;
  paramsTo03: (params: OperationParams<Name>) => Params03<Name>;
  result: z.ZodType<Result03<Name>, unknown>;
  resultFrom03: (result: Result03<Name>) => OperationResult<Name>;
  resultTo03: (result: OperationResult<Name>) => Result03<Name>;
}

const SendResult03Schema = z.preprocess(
  fillEventKind,
  z.discriminatedUnion('kind', [Task03Object, Message03Object]),
);
const DeleteResult03Schema = z.unknown().transform((): null => null);
const streaming = {
  result: StreamEvent03Schema,
  resultFrom03: streamEventFrom03,
  resultTo03: (event: OperationResult<'SendStreamingMessage'>) =>
    encodeStreamEvent03(event, deriveFinal03(event)),
};

const CODECS: { readonly [Name in OperationName]: Codec03<Name> } = {
  SendMessage: {
    params: MessageSendParams03Schema,
    paramsFrom03: sendParamsFrom03,
    paramsTo03: sendParamsTo03,
    result: SendResult03Schema,
    resultFrom03: (result) =>
      result.kind === 'task' ? { task: taskFrom03(result) } : { message: messageFrom03(result) },
    resultTo03: (result) =>
      result.task !== undefined ? taskTo03(result.task) : messageTo03(result.message),
  },
  SendStreamingMessage: {
    params: MessageSendParams03Schema,
    paramsFrom03: sendParamsFrom03,
    paramsTo03: sendParamsTo03,
    ...streaming,
  },
  GetTask: {
    params: TaskQueryParams03Schema,
    paramsFrom03: getTaskParamsFrom03,
    paramsTo03: getTaskParamsTo03,
    result: Task03Schema,
    resultFrom03: taskFrom03,
    resultTo03: taskTo03,
  },
  ListTasks: {
    params: ListTasksParams03Schema,
    paramsFrom03: listTasksParamsFrom03,
    paramsTo03: listTasksParamsTo03,
    result: z.array(Task03Schema),
    resultFrom03: (tasks) => ({
      tasks: tasks.map(taskFrom03),
      nextPageToken: '',
      pageSize: tasks.length,
      totalSize: tasks.length,
    }),
    resultTo03: (result) => result.tasks.map(taskTo03),
  },
  CancelTask: {
    params: TaskIdParams03Schema,
    paramsFrom03: cancelTaskParamsFrom03,
    paramsTo03: (params) => compact({ id: params.id, metadata: params.metadata }),
    result: Task03Schema,
    resultFrom03: taskFrom03,
    resultTo03: taskTo03,
  },
  SubscribeToTask: {
    params: TaskIdParams03Schema,
    paramsFrom03: subscribeParamsFrom03,
    paramsTo03: (params) => ({ id: params.id }),
    ...streaming,
  },
  CreateTaskPushNotificationConfig: {
    params: TaskPushNotificationConfig03Schema,
    paramsFrom03: taskPushConfigFrom03,
    paramsTo03: taskPushConfigTo03,
    result: TaskPushNotificationConfig03Schema,
    resultFrom03: taskPushConfigFrom03,
    resultTo03: taskPushConfigTo03,
  },
  GetTaskPushNotificationConfig: {
    params: GetTaskPushNotificationConfigParams03Schema,
    paramsFrom03: getPushConfigParamsFrom03,
    paramsTo03: getPushConfigParamsTo03,
    result: TaskPushNotificationConfig03Schema,
    resultFrom03: taskPushConfigFrom03,
    resultTo03: taskPushConfigTo03,
  },
  ListTaskPushNotificationConfigs: {
    params: TaskIdParams03Schema,
    paramsFrom03: listPushConfigParamsFrom03,
    paramsTo03: (params) => ({ id: params.taskId }),
    result: z.array(TaskPushNotificationConfig03Schema),
    resultFrom03: (configs) => ({ configs: configs.map(taskPushConfigFrom03), nextPageToken: '' }),
    resultTo03: (result) => result.configs.map(taskPushConfigTo03),
  },
  DeleteTaskPushNotificationConfig: {
    params: DeleteTaskPushNotificationConfigParams03Schema,
    paramsFrom03: deletePushConfigParamsFrom03,
    paramsTo03: (params) => ({ id: params.taskId, pushNotificationConfigId: params.id }),
    result: DeleteResult03Schema,
    resultFrom03: () => ({}),
    resultTo03: () => null,
  },
  GetExtendedAgentCard: {
    params: GetAuthenticatedExtendedCardParams03Schema,
    paramsFrom03: () => ({}),
    paramsTo03: () => undefined,
    result: AgentCard03Schema,
    resultFrom03: cardFrom03,
    resultTo03: cardTo03,
  },
};

/**
 * Server side: validates the 0.3 JSON-RPC `params` of an operation and converts them to the
 * canonical 1.0 params. Violation paths name the 0.3 fields the caller sent
 * (`message.parts[0].kind`). For GetTaskPushNotificationConfig the deprecated `{id}` form gives
 * `id: ""`: the server must answer with the task's first config.
 * @example
 * const info = methodByJsonRpcName(body.method, '0.3');
 * const params = decodeParams03(info.name, body.params);
 * if (!params.success) throw new InvalidParamsError('invalid params', { fieldViolations: params.violations });
 */
export function decodeParams03<Name extends OperationName>(
  operation: Name,
  params: unknown,
): ParseResult<OperationParams<Name>> {
  const codec: Codec03<Name> = CODECS[operation];
  // Plain canonical SendMessage params skip zod; the result is the one zod would give.
  const fast = fastParse03(codec.params, params);
  if (fast !== MISS) return { success: true, data: codec.paramsFrom03(fast as Params03<Name>) };
  const parsed = parseProtocol(codec.params, params);
  return parsed.success ? { success: true, data: codec.paramsFrom03(parsed.data) } : parsed;
}

/**
 * Server side: a canonical result as the 0.3 JSON-RPC `result`. SendMessage gives the bare Task
 * or Message with `kind`; ListTaskPushNotificationConfigs an array; Delete `null`;
 * GetExtendedAgentCard a 0.3 card. For streaming operations prefer {@link encodeStreamEvent03},
 * which takes `final` from the caller; here it is derived ({@link deriveFinal03}).
 */
export function encodeResult03<Name extends OperationName>(
  operation: Name,
  result: OperationResult<Name>,
): Result03<Name> {
  const codec: Codec03<Name> = CODECS[operation];
  return codec.resultTo03(result);
}

/**
 * Client side: canonical params as the 0.3 JSON-RPC `params` for a 0.3-only agent. `tenant` and
 * paging fields have no 0.3 form and are dropped; GetExtendedAgentCard gives undefined (omit).
 */
export function encodeParams03<Name extends OperationName>(
  operation: Name,
  params: OperationParams<Name>,
): Params03<Name> {
  const codec: Codec03<Name> = CODECS[operation];
  return codec.paramsTo03(params);
}

/**
 * Client side: validates a 0.3 JSON-RPC `result` and converts it to the canonical result. For
 * GetExtendedAgentCard a 1.0 card is accepted too (sniffed with `isCard03`).
 */
export function decodeResult03<Name extends OperationName>(
  operation: Name,
  raw: unknown,
): ParseResult<OperationResult<Name>> {
  if (operation === 'GetExtendedAgentCard') {
    // Some agents answer the 0.3 method with their 1.0 card; take either.
    return decodeAgentCardAnyVersion(raw);
  }
  const codec: Codec03<Name> = CODECS[operation];
  const parsed = parseProtocol(codec.result, raw);
  return parsed.success ? { success: true, data: codec.resultFrom03(parsed.data) } : parsed;
}
