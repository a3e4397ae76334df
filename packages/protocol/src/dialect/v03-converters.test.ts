import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type Artifact, type Message } from '../message.js';
import { type SendMessageRequest } from '../operations.js';
import { type Part } from '../part.js';
import { type JsonObject } from '../proto-json.js';
import {
  type StreamResponse,
  type TaskArtifactUpdateEvent,
  type TaskStatusUpdateEvent,
} from '../stream-response.js';
import { type Task, type TaskStatus } from '../task.js';
import * as arb from './arbitraries.js';
import * as arb03 from './arbitraries-03.js';
import { compact, isJsonObject, mapOptional } from './v03-common.js';
import { roleFrom03, roleTo03, taskStateTo03 } from './v03-enums.js';
import { encodeStreamEvent03 } from './v03-events.js';
import { type Message03, messageFrom03, messageTo03 } from './v03-message.js';
import {
  type MessageSendParams03,
  sendConfigurationFrom03,
  sendParamsFrom03,
} from './v03-params.js';
import { DATA_PART_COMPAT_KEY, type Part03, partFrom03, partTo03 } from './v03-parts.js';

/**
 * The hot converters build their objects member by member instead of through `compact`. These
 * are the general forms they replaced (a literal, then `compact` as it was: entries → filter →
 * fromEntries), kept as the reference: same values, same keys in the same order, same JSON.
 */
function compactReference<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined),
  ) as T;
}

function partTo03Reference(part: Part): Part03 {
  if (part.text !== undefined) {
    return compactReference({ kind: 'text', text: part.text, metadata: part.metadata });
  }
  if (part.raw !== undefined || part.url !== undefined) return partTo03(part);
  if (isJsonObject(part.data)) {
    return compactReference({ kind: 'data', data: part.data, metadata: part.metadata });
  }
  return {
    kind: 'data',
    data: { value: part.data },
    metadata: { ...part.metadata, [DATA_PART_COMPAT_KEY]: true },
  };
}

function messageTo03Reference(message: Message): Message03 {
  return compactReference<Message03>({
    kind: 'message',
    messageId: message.messageId,
    role: roleTo03(message.role),
    parts: message.parts.map(partTo03Reference),
    contextId: message.contextId,
    taskId: message.taskId,
    metadata: message.metadata,
    extensions: message.extensions,
    referenceTaskIds: message.referenceTaskIds,
  });
}

function artifactTo03Reference(artifact: Artifact) {
  return compactReference({
    artifactId: artifact.artifactId,
    name: artifact.name,
    description: artifact.description,
    parts: artifact.parts.map(partTo03Reference),
    metadata: artifact.metadata,
    extensions: artifact.extensions,
  });
}

function taskStatusTo03Reference(status: TaskStatus) {
  return compactReference({
    state: taskStateTo03(status.state),
    message: status.message === undefined ? undefined : messageTo03Reference(status.message),
    timestamp: status.timestamp,
  });
}

function taskTo03Reference(task: Task) {
  return compactReference({
    kind: 'task',
    id: task.id,
    contextId: task.contextId ?? '',
    status: taskStatusTo03Reference(task.status),
    history: mapOptional(task.history, messageTo03Reference),
    artifacts: mapOptional(task.artifacts, artifactTo03Reference),
    metadata: task.metadata,
  });
}

function statusUpdateTo03Reference(event: TaskStatusUpdateEvent, final: boolean) {
  return compactReference({
    kind: 'status-update',
    taskId: event.taskId,
    contextId: event.contextId,
    status: taskStatusTo03Reference(event.status),
    final,
    metadata: event.metadata,
  });
}

function artifactUpdateTo03Reference(event: TaskArtifactUpdateEvent) {
  return compactReference({
    kind: 'artifact-update',
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: artifactTo03Reference(event.artifact),
    append: event.append,
    lastChunk: event.lastChunk,
    metadata: event.metadata,
  });
}

function encodeStreamEvent03Reference(event: StreamResponse, final: boolean): unknown {
  if (event.task !== undefined) return taskTo03Reference(event.task);
  if (event.message !== undefined) return messageTo03Reference(event.message);
  if (event.statusUpdate !== undefined) return statusUpdateTo03Reference(event.statusUpdate, final);
  return artifactUpdateTo03Reference(event.artifactUpdate);
}

function partFrom03Reference(part: Part03): Part {
  if (part.kind === 'text') return compactReference({ text: part.text, metadata: part.metadata });
  if (part.kind === 'data' && part.metadata?.[DATA_PART_COMPAT_KEY] !== true) {
    return compactReference({ data: part.data, metadata: part.metadata });
  }
  return partFrom03(part);
}

function messageFrom03Reference(message: Message03): Message {
  return compactReference<Message>({
    messageId: message.messageId,
    contextId: message.contextId,
    taskId: message.taskId,
    role: roleFrom03(message.role),
    parts: message.parts.map(partFrom03Reference),
    metadata: message.metadata,
    extensions: message.extensions,
    referenceTaskIds: message.referenceTaskIds,
  });
}

function sendParamsFrom03Reference(params: MessageSendParams03): SendMessageRequest {
  return compactReference<SendMessageRequest>({
    message: messageFrom03Reference(params.message),
    configuration:
      params.configuration === undefined
        ? undefined
        : sendConfigurationFrom03(params.configuration),
    metadata: params.metadata,
  });
}

/** The value's keys in order, recursively: toStrictEqual does not compare key order. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
}

function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(keyOrder(actual)).toEqual(keyOrder(expected));
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const sendParams03 = fc.record(
  {
    message: arb03.message03,
    configuration: fc.record(
      {
        acceptedOutputModes: arb.strings,
        historyLength: fc.integer({ min: 0, max: 100 }),
        blocking: arb.bool,
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
    metadata: arb.jsonObject,
  },
  arb.keys('message'),
);

describe('0.3 converters built member by member', () => {
  it('encode every stream item as the general form did', () => {
    fc.assert(
      fc.property(arb.streamResponse, arb.bool, (event, final) => {
        expectSame(encodeStreamEvent03(event, final), encodeStreamEvent03Reference(event, final));
      }),
      { numRuns: 1000 },
    );
  });

  it('encode messages and parts as the general form did', () => {
    fc.assert(
      fc.property(arb.message, (message) => {
        expectSame(messageTo03(message), messageTo03Reference(message));
        for (const part of message.parts) expectSame(partTo03(part), partTo03Reference(part));
      }),
      { numRuns: 500 },
    );
  });

  it('decode 0.3 messages, parts and send params as the general form did', () => {
    fc.assert(
      fc.property(sendParams03, (params) => {
        expectSame(sendParamsFrom03(params), sendParamsFrom03Reference(params));
        expectSame(messageFrom03(params.message), messageFrom03Reference(params.message));
        for (const part of params.message.parts) {
          expectSame(partFrom03(part), partFrom03Reference(part));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('compact drops undefined members like the entries-based form, __proto__ keys included', () => {
    const member = fc.oneof(fc.constant(undefined), arb.json);
    const key = fc.oneof(arb.key, fc.constantFrom('__proto__', '0', '12', 'constructor'));
    fc.assert(
      fc.property(fc.dictionary(key, member, { maxKeys: 6 }), (value) => {
        const out = compact(value);
        expectSame(out, compactReference(value));
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
    const parsed = JSON.parse('{"a":1,"__proto__":{"b":2},"c":null}') as JsonObject;
    const out = compact({ ...parsed, d: undefined });
    expect(Object.keys(out)).toEqual(['a', '__proto__', 'c']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
