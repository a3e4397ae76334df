import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { OPERATION_NAMES, type OperationName } from '../methods.js';
import {
  OPERATION_SCHEMAS,
  type OperationParams,
  type OperationResult,
} from '../operation-types.js';
import { TASK_STATES } from '../task-state.js';
import * as arb from './arbitraries.js';
import * as arb03 from './arbitraries-03.js';
import { TASK_STATES_03 } from './v03-enums.js';
import {
  decodeParams03,
  decodeResult03,
  encodeParams03,
  encodeResult03,
  type Params03,
  type Result03,
} from './v03-operations.js';

function wire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const { keys, nonEmpty, text } = arb;
const historyLength = fc.integer({ min: 1, max: 1000 });

const sendParams = fc.record(
  {
    message: arb.message,
    configuration: fc.record(
      {
        acceptedOutputModes: fc.array(text, { maxLength: 2 }),
        taskPushNotificationConfig: arb.inlinePushConfig,
        historyLength,
        returnImmediately: fc.boolean(),
      },
      keys<never>(),
    ),
    metadata: arb.jsonObject,
  },
  keys('message'),
);
const sendParams03 = fc.record(
  {
    message: arb03.message03,
    configuration: fc.record(
      {
        acceptedOutputModes: fc.array(text, { maxLength: 2 }),
        pushNotificationConfig: arb03.pushConfig03,
        historyLength,
        blocking: fc.boolean(),
      },
      keys<never>(),
    ),
    metadata: arb.jsonObject,
  },
  keys('message'),
);

/** A 0.3 stream event whose `final` is what the server derives (encodeResult03 derives it). */
const derivedEvent03 = arb03.streamEvent03.map((event) =>
  event.kind === 'status-update'
    ? {
        ...event,
        final: ['completed', 'failed', 'canceled', 'rejected', 'input-required'].includes(
          event.status.state,
        ),
      }
    : event,
);

type Arbitraries<Value> = { readonly [Name in OperationName]: fc.Arbitrary<Value & unknown> };

/** Canonical params that 0.3 can carry, per operation. */
const CANONICAL_PARAMS: { [Name in OperationName]: fc.Arbitrary<OperationParams<Name>> } = {
  SendMessage: sendParams,
  SendStreamingMessage: sendParams,
  GetTask: fc.record({ id: nonEmpty, historyLength }, keys('id')),
  ListTasks: fc.record(
    {
      contextId: text,
      status: fc.constantFrom(...TASK_STATES),
      pageSize: fc.integer({ min: 1, max: 100 }),
      pageToken: text,
      historyLength,
      statusTimestampAfter: arb.timestamp,
      includeArtifacts: fc.boolean(),
    },
    keys<never>(),
  ),
  CancelTask: fc.record({ id: nonEmpty, metadata: arb.jsonObject }, keys('id')),
  SubscribeToTask: fc.record({ id: nonEmpty }, keys('id')),
  CreateTaskPushNotificationConfig: arb.pushConfig,
  GetTaskPushNotificationConfig: fc.record({ taskId: nonEmpty, id: text }, keys('taskId', 'id')),
  ListTaskPushNotificationConfigs: fc.record({ taskId: nonEmpty }, keys('taskId')),
  DeleteTaskPushNotificationConfig: fc.record(
    { taskId: nonEmpty, id: nonEmpty },
    keys('taskId', 'id'),
  ),
  GetExtendedAgentCard: fc.constant({}),
};

/** Canonical results that 0.3 can carry, per operation. */
const CANONICAL_RESULTS: { [Name in OperationName]: fc.Arbitrary<OperationResult<Name>> } = {
  SendMessage: fc.oneof(
    fc.record({ task: arb.task }, keys('task')),
    fc.record({ message: arb.message }, keys('message')),
  ),
  SendStreamingMessage: arb.streamResponse,
  GetTask: arb.task,
  ListTasks: fc.array(arb.task, { maxLength: 3 }).map((tasks) => ({
    tasks,
    nextPageToken: '',
    pageSize: tasks.length,
    totalSize: tasks.length,
  })),
  CancelTask: arb.task,
  SubscribeToTask: arb.streamResponse,
  CreateTaskPushNotificationConfig: arb.pushConfig,
  GetTaskPushNotificationConfig: arb.pushConfig,
  ListTaskPushNotificationConfigs: fc
    .array(arb.pushConfig, { maxLength: 3 })
    .map((configs) => ({ configs, nextPageToken: '' })),
  DeleteTaskPushNotificationConfig: fc.constant({}),
  GetExtendedAgentCard: arb.card,
};

/** 0.3 params in normal form, per operation. */
const WIRE_PARAMS: { [Name in OperationName]: fc.Arbitrary<Params03<Name>> } = {
  SendMessage: sendParams03,
  SendStreamingMessage: sendParams03,
  GetTask: fc.record({ id: nonEmpty, historyLength }, keys('id')),
  ListTasks: fc.record(
    {
      contextId: text,
      status: fc.constantFrom(...TASK_STATES_03),
      pageSize: fc.integer({ min: 1, max: 100 }),
      pageToken: text,
      historyLength,
      statusTimestampAfter: arb.timestamp,
      includeArtifacts: fc.boolean(),
    },
    keys<never>(),
  ),
  CancelTask: fc.record({ id: nonEmpty, metadata: arb.jsonObject }, keys('id')),
  SubscribeToTask: fc.record({ id: nonEmpty }, keys('id')),
  CreateTaskPushNotificationConfig: arb03.taskPushConfig03,
  GetTaskPushNotificationConfig: fc.record(
    { id: nonEmpty, pushNotificationConfigId: nonEmpty },
    keys('id'),
  ),
  ListTaskPushNotificationConfigs: fc.record({ id: nonEmpty }, keys('id')),
  DeleteTaskPushNotificationConfig: fc.record(
    { id: nonEmpty, pushNotificationConfigId: nonEmpty },
    keys('id', 'pushNotificationConfigId'),
  ),
  GetExtendedAgentCard: fc.constant(undefined),
};

/** 0.3 results in normal form, per operation. */
const WIRE_RESULTS: { [Name in OperationName]: fc.Arbitrary<Result03<Name>> } = {
  SendMessage: fc.oneof(arb03.task03, arb03.message03),
  SendStreamingMessage: derivedEvent03,
  GetTask: arb03.task03,
  ListTasks: fc.array(arb03.task03, { maxLength: 3 }),
  CancelTask: arb03.task03,
  SubscribeToTask: derivedEvent03,
  CreateTaskPushNotificationConfig: arb03.taskPushConfig03,
  GetTaskPushNotificationConfig: arb03.taskPushConfig03,
  ListTaskPushNotificationConfigs: fc.array(arb03.taskPushConfig03, { maxLength: 3 }),
  DeleteTaskPushNotificationConfig: fc.constant(null),
  GetExtendedAgentCard: arb03.card03,
};

// The maps above are checked per operation by their mapped types; the loop below needs them loose.
const loose = <T>(table: T) => table as unknown as Arbitraries<unknown>;

describe.each(OPERATION_NAMES.map((operation) => ({ operation })))(
  '$operation',
  ({ operation }) => {
    const op = operation as 'GetTask';
    it('params: 1.0 -> 0.3 -> 1.0 is lossless and canonical-valid', () => {
      fc.assert(
        fc.property(loose(CANONICAL_PARAMS)[operation], (params) => {
          const decoded = decodeParams03(op, wire(encodeParams03(op, params as never)));
          expect(decoded).toStrictEqual({ success: true, data: params });
          // The deprecated push-config get form decodes to id "" on purpose (see README).
          const exempt =
            operation === 'GetTaskPushNotificationConfig' &&
            decoded.success &&
            decoded.data.id === '';
          if (!exempt)
            expect(OPERATION_SCHEMAS[operation].params.safeParse(params).success).toBe(true);
        }),
      );
    });

    it('params: 0.3 -> 1.0 -> 0.3 is lossless', () => {
      fc.assert(
        fc.property(loose(WIRE_PARAMS)[operation], (params03) => {
          const decoded = decodeParams03(op, params03);
          expect(decoded.success).toBe(true);
          if (decoded.success) expect(encodeParams03(op, decoded.data)).toStrictEqual(params03);
        }),
      );
    });

    it('result: 1.0 -> 0.3 -> 1.0 is lossless', () => {
      fc.assert(
        fc.property(loose(CANONICAL_RESULTS)[operation], (result) => {
          const decoded = decodeResult03(op, wire(encodeResult03(op, result as never)));
          expect(decoded).toStrictEqual({ success: true, data: result });
          expect(OPERATION_SCHEMAS[operation].result.safeParse(result).success).toBe(true);
        }),
      );
    });

    it('result: 0.3 -> 1.0 -> 0.3 is lossless', () => {
      fc.assert(
        fc.property(loose(WIRE_RESULTS)[operation], (result03) => {
          const decoded = decodeResult03(op, wire(result03));
          expect(decoded.success).toBe(true);
          if (decoded.success) expect(encodeResult03(op, decoded.data)).toStrictEqual(result03);
        }),
      );
    });
  },
);
