import { type StreamResponse } from '@baton/protocol';
import { type CallContext } from '@baton/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  inspectableStore,
  type Json,
  postJsonRpc,
  readSse,
  rpc,
  SSE_WRITERS,
  startTestAgent,
  type TestAgent,
  userMessage,
} from './fixtures.js';

let agent: TestAgent;
let listeners: () => number;

const stream = (
  method: string,
  params: unknown,
  headers?: Record<string, string>,
  signal?: AbortSignal,
) =>
  postJsonRpc(
    agent.url,
    { jsonrpc: '2.0', id: 'stream-1', method, params },
    {
      'A2A-Version': '1.0',
      ...headers,
    },
    signal,
  );

async function startTask(text: string): Promise<string> {
  const params = { message: userMessage(text), configuration: { returnImmediately: true } };
  const { result } = await rpc(agent.url, 'SendMessage', params);
  return result.task.id as string;
}

function kindOf(data: Json): string {
  return Object.keys(data.result ?? data)[0]!;
}

describe.each(SSE_WRITERS)('SSE streaming, written by $writer', ({ nativeSse }) => {
  beforeAll(async () => {
    const inspectable = inspectableStore();
    listeners = inspectable.listeners;
    agent = await startTestAgent({
      handler: { store: inspectable.store },
      app: { heartbeatMs: 50 },
      nativeSse,
    });
  });
  afterAll(() => agent.close());

  it('delivers events in order, each a JSON-RPC response with the request id and a sequence id', async () => {
    const response = await stream('SendStreamingMessage', { message: userMessage('chunks 5') });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = await readSse(response);
    expect(events.every((e) => e.data.jsonrpc === '2.0' && e.data.id === 'stream-1')).toBe(true);
    expect(events.map((e) => kindOf(e.data))).toEqual([
      'task',
      'statusUpdate',
      ...Array(5).fill('artifactUpdate'),
      'statusUpdate',
    ]);
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.at(-1)!.data.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('fans every event out to several streams on one task, in the same order', async () => {
    const id = await startTask('chunks 6 60');
    const rest = `${agent.url}/a2a/rest/tasks/${id}:subscribe`;
    const streams = await Promise.all([
      stream('SubscribeToTask', { id }).then((r) => readSse(r)),
      stream('SubscribeToTask', { id }).then((r) => readSse(r)),
      fetch(rest).then((r) => readSse(r)),
      fetch(rest, { method: 'POST' }).then((r) => readSse(r)),
    ]);
    const normalized = streams.map((events) =>
      events.map((e) => ({ id: Number(e.id), item: e.data.result ?? e.data })),
    );
    // Each stream starts with the snapshot at its own position, then gets every later event.
    for (const events of normalized) {
      expect(Object.keys(events[0]!.item)).toEqual(['task']);
      expect(events.at(-1)!.item.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
      const ids = events.map((e) => e.id);
      expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    }
    const start = Math.max(...normalized.map((events) => events[0]!.id));
    const tail = (events: (typeof normalized)[number]) => events.filter((e) => e.id > start);
    expect(tail(normalized[0]!).length).toBeGreaterThan(0);
    for (const events of normalized.slice(1)) expect(tail(events)).toEqual(tail(normalized[0]!));
  });

  it('sends a heartbeat comment while the stream is idle', async () => {
    const id = await startTask('wait 5000');
    const controller = new AbortController();
    const response = await stream('SubscribeToTask', { id }, {}, controller.signal);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.split(': heartbeat\n\n').length - 1 < 2) text += (await reader.read()).value;
    controller.abort();
    expect(text.startsWith('id: ')).toBe(true);
    await rpc(agent.url, 'CancelTask', { id });
  });

  it('answers an error before the stream opens as plain JSON', async () => {
    const response = await stream('SubscribeToTask', { id: 'no-such-task' });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await response.json()).error.code).toBe(-32001);
  });

  it('resumes after Last-Event-ID without losing or repeating events', async () => {
    const id = await startTask('chunks 8 30');
    const first = await readSse(await stream('SubscribeToTask', { id }), { max: 3 });
    const lastSeen = first.at(-1)!.id!;
    const rest = await readSse(
      await stream('SubscribeToTask', { id }, { 'Last-Event-ID': lastSeen }),
    );
    const ids = rest.map((e) => Number(e.id));
    expect(ids[0]).toBe(Number(lastSeen) + 1);
    expect(ids).toEqual(ids.map((_, i) => Number(lastSeen) + 1 + i));
    expect(rest.at(-1)!.data.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('ends the subscription, not the task, when the client goes away', async () => {
    const id = await startTask('wait 1500');
    const controller = new AbortController();
    const response = await stream('SubscribeToTask', { id }, {}, controller.signal);
    await response.body!.getReader().read();
    controller.abort();
    await expect.poll(() => agent.handler.stats.streams).toBe(0);
    const { result } = await rpc(agent.url, 'GetTask', { id });
    expect(result.status.state).toBe('TASK_STATE_WORKING');
    await expect
      .poll(async () => (await rpc(agent.url, 'GetTask', { id })).result.status.state, {
        timeout: 6000,
      })
      .toBe('TASK_STATE_COMPLETED');
  });

  it('ends a SendStreamingMessage stream and its subscription when the client goes away', async () => {
    const baseline = listeners();
    const controller = new AbortController();
    const response = await stream(
      'SendStreamingMessage',
      { message: userMessage('wait 120000') },
      {},
      controller.signal,
    );
    const first = new TextDecoder().decode((await response.body!.getReader().read()).value);
    const id = /"task":\{"id":"([^"]+)"/.exec(first)![1]!;
    await expect.poll(() => agent.handler.stats.streams).toBe(1);
    controller.abort();
    await expect.poll(() => agent.handler.stats.streams).toBe(0);
    await expect.poll(listeners).toBe(baseline);
    await rpc(agent.url, 'CancelTask', { id });
  });

  it('reads no signal for a stream that ends in the turn it was opened in', async () => {
    const { handler } = agent;
    const original = handler.sendStreamingMessage.bind(handler);
    let reads = 0;
    handler.sendStreamingMessage = (params, context = {}) =>
      original(
        params,
        Object.create(context, {
          signal: { get: () => (reads++, context.signal) },
        }) as CallContext,
      );
    try {
      const response = await stream('SendStreamingMessage', { message: userMessage('chunks 3') });
      const events = await readSse(response);
      expect(kindOf(events.at(-1)!.data)).toBe('statusUpdate');
      expect(reads).toBe(0);
    } finally {
      handler.sendStreamingMessage = original;
    }
  });

  it('aborts the signal of a stream, read late, when the client goes away', async () => {
    // A stream whose return() waits for its pending next(): only the signal can end it.
    const { handler } = agent;
    const original = handler.sendStreamingMessage.bind(handler);
    let ended = false;
    handler.sendStreamingMessage = async (_params, context?: CallContext) => {
      async function* events(): AsyncGenerator<StreamResponse> {
        try {
          yield { message: { messageId: 'm1', role: 'ROLE_AGENT', parts: [{ text: 'hi' }] } };
          const signal = context!.signal!;
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
        } finally {
          ended = true;
        }
      }
      return events();
    };
    try {
      const controller = new AbortController();
      const response = await stream(
        'SendStreamingMessage',
        { message: userMessage('hi') },
        {},
        controller.signal,
      );
      await response.body!.getReader().read();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ended).toBe(false);
      controller.abort();
      await expect.poll(() => ended).toBe(true);
    } finally {
      handler.sendStreamingMessage = original;
    }
  });

  it('leaks no stream or listener after 1,000 connect/disconnect cycles', async () => {
    const id = await startTask('wait 120000');
    const baseline = listeners();
    for (let cycle = 0; cycle < 1000; cycle++) {
      const controller = new AbortController();
      const response = await stream('SubscribeToTask', { id }, {}, controller.signal);
      await response.body!.getReader().read();
      controller.abort();
    }
    await expect.poll(() => agent.handler.stats.streams).toBe(0);
    await expect.poll(listeners).toBe(baseline);
    await rpc(agent.url, 'CancelTask', { id });
  }, 120_000);
});
