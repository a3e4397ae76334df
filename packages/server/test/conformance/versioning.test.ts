// A2A.md §10 "Versioning" at dispatch (VER-*, JSON-RPC binding): the method name picks the
// dialect, ids are echoed, errors have the dialect's shape, malformed requests get the right code.
import { afterAll, describe, expect, it } from 'vitest';

import { type GetTaskRequest } from '@baton/protocol';

import {
  type A2ARequestHandler,
  type CallContext,
  createJsonRpcDispatcher,
  type DispatchResult,
} from '../../src/index.js';
import { collect, handlerWith, scenarioExecutor, userMessage } from '../helpers.js';

const handler = handlerWith(scenarioExecutor());
const dispatcher = createJsonRpcDispatcher(handler);
afterAll(() => handler.close());

function body(result: DispatchResult): Record<string, unknown> {
  if (result.kind !== 'response') throw new Error(`expected a response, got ${result.kind}`);
  return JSON.parse(JSON.stringify(result.body)) as Record<string, unknown>;
}

const message10 = () => ({ ...userMessage('hi') });
const message03 = () => ({
  kind: 'message',
  messageId: crypto.randomUUID(),
  role: 'user',
  parts: [{ kind: 'text', text: 'hi' }],
});

/** A transport's context: `signal` is a getter of a class (a spread would not copy it), counted. */
class LazyContext {
  readonly protocolVersion = '1.0' as const;
  reads = 0;
  get signal(): AbortSignal {
    this.reads++;
    return new AbortController().signal;
  }
}

describe('versioning at dispatch', () => {
  it('1.0 method names answer in 1.0 shapes', async () => {
    const res = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 7,
        method: 'SendMessage',
        params: { message: message10() },
      }),
    );
    expect(res.id).toBe(7);
    const result = res.result as { task: { status: { state: string }; kind?: string } };
    expect(result.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(result.task.kind).toBeUndefined();
  });

  it('0.3 method names answer in 0.3 shapes, whatever the version header says', async () => {
    const res = body(
      await dispatcher.dispatch(
        { jsonrpc: '2.0', id: 'abc', method: 'message/send', params: { message: message03() } },
        { protocolVersion: '1.0' },
      ),
    );
    expect(res.id).toBe('abc');
    expect(res.result).toMatchObject({ kind: 'task', status: { state: 'completed' } });
  });

  it('errors: 1.0 carries ErrorInfo in data and only code/message/data; 0.3 is plain', async () => {
    const res10 = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 1,
        method: 'GetTask',
        params: { id: 'nope' },
      }),
    );
    const error10 = res10.error as Record<string, unknown>;
    expect(Object.keys(error10).sort()).toEqual(['code', 'data', 'message']);
    expect(error10.code).toBe(-32001);
    expect(error10.data).toEqual([
      expect.objectContaining({
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'TASK_NOT_FOUND',
        domain: 'a2a-protocol.org',
      }),
    ]);
    const res03 = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 1,
        method: 'tasks/get',
        params: { id: 'nope' },
      }),
    );
    expect(res03.error).toMatchObject({ code: -32001 });
    expect((res03.error as { data?: unknown }).data).toBeUndefined();
  });

  it('invalid params: -32602 with BadRequest field violations in 1.0', async () => {
    const res = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 2,
        method: 'GetTask',
        params: { historyLength: -1 },
      }),
    );
    const error = res.error as {
      code: number;
      data: { '@type': string; fieldViolations?: { field: string }[] }[];
    };
    expect(error.code).toBe(-32602);
    const badRequest = error.data.find((d) => d['@type'].endsWith('BadRequest'));
    expect(badRequest?.fieldViolations?.map((v) => v.field).sort()).toEqual([
      'historyLength',
      'id',
    ]);
  });

  it('unknown methods, 0.3 ListTasks, batches and bad envelopes', async () => {
    expect(
      body(await dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: 'NoSuch' })).error,
    ).toMatchObject({ code: -32601 });
    expect(
      body(await dispatcher.dispatch({ jsonrpc: '2.0', id: 1, method: 'tasks/list', params: {} }))
        .error,
    ).toMatchObject({ code: -32601 });
    const batch = body(await dispatcher.dispatch([{ jsonrpc: '2.0', id: 1, method: 'GetTask' }]));
    expect(batch).toMatchObject({
      id: null,
      error: { code: -32600, message: 'batch requests are not supported' },
    });
    expect(
      body(await dispatcher.dispatch({ jsonrpc: '1.0', id: 5, method: 'GetTask' })),
    ).toMatchObject({ id: 5, error: { code: -32600 } });
    expect(
      body(await dispatcher.dispatch({ jsonrpc: '2.0', id: { no: 1 }, method: 'GetTask' })),
    ).toMatchObject({ id: null, error: { code: -32600 } });
    expect(body(await dispatcher.dispatchText('{not json', {}))).toMatchObject({
      id: null,
      error: { code: -32700 },
    });
  });

  it('a notification is run but answered with nothing', async () => {
    const before = (await handler.listTasks({})).totalSize;
    const result = await dispatcher.dispatch({
      jsonrpc: '2.0',
      method: 'SendMessage',
      params: { message: message10() },
    });
    expect(result.kind).toBe('none');
    expect((await handler.listTasks({})).totalSize).toBe(before + 1);
    expect(
      (await dispatcher.dispatch({ jsonrpc: '2.0', method: 'GetTask', params: {} })).kind,
    ).toBe('none');
  });

  it('stream items carry the request id and the event sequence number', async () => {
    const result = await dispatcher.dispatch({
      jsonrpc: '2.0',
      id: 99,
      method: 'SendStreamingMessage',
      params: { message: message10() },
    });
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const items = await collect(result.events);
    expect(items.map((i) => i.body.id)).toEqual([99, 99, 99, 99]);
    expect(items.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    expect(Object.keys((items[0]!.body as { result: object }).result)).toEqual(['task']);
  });

  it('an error before the stream opens is a plain response', async () => {
    const result = await dispatcher.dispatch({
      jsonrpc: '2.0',
      id: 3,
      method: 'SubscribeToTask',
      params: { id: 'nope' },
    });
    expect(body(result)).toMatchObject({ id: 3, error: { code: -32001 } });
  });

  it('an error after the stream opened is the last stream item, in the dialect of the method', async () => {
    const executor = scenarioExecutor();
    const local = handlerWith(executor);
    const rpc = createJsonRpcDispatcher(local);
    const { task } = await local.sendMessage({
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    const result = await rpc.dispatch({
      jsonrpc: '2.0',
      id: 'late',
      method: 'SendStreamingMessage',
      params: { message: userMessage('queued', { taskId: task!.id }) },
    });
    if (result.kind !== 'stream') throw new Error('expected a stream');
    const items = collect(result.events);
    executor.release();
    const last = (await items).at(-1)!.body as {
      id: unknown;
      error?: { code: number; data: unknown[] };
    };
    expect(last.id).toBe('late');
    expect(last.error?.code).toBe(-32004);
    expect(last.error?.data[0]).toMatchObject({ reason: 'UNSUPPORTED_OPERATION' });
    await local.close();
  });

  it('0.3 tasks/pushNotificationConfig/get with only the task id answers its first config', async () => {
    const { task } = await handler.sendMessage({ message: userMessage('input') });
    await handler.createTaskPushNotificationConfig({
      taskId: task!.id,
      id: 'first',
      url: 'https://hooks.example.com/1',
    });
    await handler.createTaskPushNotificationConfig({
      taskId: task!.id,
      id: 'second',
      url: 'https://hooks.example.com/2',
    });
    const res = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 4,
        method: 'tasks/pushNotificationConfig/get',
        params: { id: task!.id },
      }),
    );
    expect(res.result).toMatchObject({
      taskId: task!.id,
      pushNotificationConfig: { id: 'first', url: 'https://hooks.example.com/1' },
    });
  });
  it("hands the transport's context through when it names the version, reading none of it", async () => {
    const context = new LazyContext();
    const seen: CallContext[] = [];
    const spying = Object.create(handler, {
      getTask: {
        value: (params: GetTaskRequest, ctx: CallContext) => {
          seen.push(ctx);
          return handler.getTask(params, ctx);
        },
      },
    }) as A2ARequestHandler;
    const spy = createJsonRpcDispatcher(spying);
    await spy.dispatch({ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } }, context);
    expect(context.reads).toBe(0);
    expect(seen[0]).toBe(context);
    // Another dialect gets a copy that says so; the original is left as it was.
    await spy.dispatch(
      { jsonrpc: '2.0', id: 2, method: 'tasks/get', params: { id: 'x' } },
      context,
    );
    const copied = seen[1] !== context;
    // The copy forwards the signal: made only when the handler reads it.
    expect(context.reads).toBe(0);
    expect(copied).toBe(true);
    expect(seen[1]?.protocolVersion).toBe('0.3');
    expect(seen[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(context.reads).toBe(1);
    expect(context.protocolVersion).toBe('1.0');
  });

  it('copies the context for SubscribeToTask without reading the signal', async () => {
    const context = new LazyContext();
    const send = body(
      await dispatcher.dispatch({
        jsonrpc: '2.0',
        id: 1,
        method: 'SendMessage',
        params: { message: message10() },
      }),
    );
    const taskId = (send.result as { task: { id: string } }).task.id;
    // A finished task: the subscription ends with an error at once, before any wait.
    const result = await dispatcher.dispatch(
      { jsonrpc: '2.0', id: 2, method: 'SubscribeToTask', params: { id: taskId } },
      context,
    );
    if (result.kind === 'stream') await collect(result.events);
    expect(context.reads).toBe(0);
  });
});
