import {
  type AgentCard,
  BATON_URIS,
  type StreamResponse,
  type Task,
  type TaskState,
} from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { bearerToken } from './auth/bearer-token.js';
import { A2AClient } from './client.js';
import { A2AClientError } from './errors.js';
import { userMessage } from './message-input.js';

const URL_ = 'http://127.0.0.1:1/rpc';
const card = (extra: Partial<AgentCard> = {}): AgentCard => ({
  name: 'Fake',
  description: 'A scripted agent',
  supportedInterfaces: [
    {
      url: 'http://127.0.0.1:1/rest',
      protocolBinding: 'HTTP+JSON',
      protocolVersion: '1.0',
      tenant: 't1',
    },
    { url: URL_, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1',
  capabilities: { streaming: true },
  defaultInputModes: [],
  defaultOutputModes: [],
  skills: [],
  ...extra,
});
const task = (state: TaskState = 'TASK_STATE_COMPLETED'): Task => ({
  id: 't',
  contextId: 'c',
  status: { state },
});
const rpc = (result: unknown) => Response.json({ jsonrpc: '2.0', id: 1, result });

type Handler = (request: Request, index: number) => Response | Promise<Response>;
function scripted(handler: Handler) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return handler(request, requests.length - 1);
  };
  return { fetch, requests };
}

function sse(events: string[], options: { hang?: boolean; onCancel?: () => void } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      if (!options.hang) controller.close();
    },
    cancel: options.onCancel,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}
const frame = (result: StreamResponse, id?: number) =>
  `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result })}\n\n`;

describe('A2AClient', () => {
  it('picks the preferred interface and sends A2A-Version with every request', async () => {
    const agent = scripted(() => rpc(task()));
    const client = new A2AClient(card(), {
      fetch: agent.fetch,
      preferences: [{ binding: 'JSONRPC', version: '1.0' }],
    });
    await client.getTask({ id: 't' });
    await client.cancelTask({ id: 't' });
    expect(agent.requests.map((r) => [r.url, r.headers.get('A2A-Version')])).toEqual([
      [URL_, '1.0'],
      [URL_, '1.0'],
    ]);
  });

  it('copies the interface tenant into REST routes', async () => {
    const agent = scripted(() => Response.json(task()));
    const client = new A2AClient(card(), {
      fetch: agent.fetch,
      preferences: [{ binding: 'HTTP+JSON', version: '1.0' }],
    });
    await client.getTask({ id: 'x' });
    expect(agent.requests[0]!.url).toBe('http://127.0.0.1:1/rest/t1/tasks/x');
  });

  it('fails with NO_COMPATIBLE_INTERFACE when nothing fits', () => {
    expect(
      () => new A2AClient(card(), { preferences: [{ binding: 'GRPC', version: '1.0' }] }),
    ).toThrow(expect.objectContaining({ code: 'NO_COMPATIBLE_INTERFACE' }));
  });

  it('retries idempotent calls on 5xx and network errors, never SendMessage', async () => {
    const agent = scripted((_r, i) => {
      if (i === 0) throw new TypeError('fetch failed');
      if (i === 1) return new Response('busy', { status: 503, headers: { 'Retry-After': '0' } });
      return rpc(task());
    });
    const client = new A2AClient(card(), { fetch: agent.fetch, retry: { initialDelayMs: 1 } });
    await expect(client.getTask({ id: 't' })).resolves.toMatchObject({ id: 't' });
    expect(agent.requests).toHaveLength(3);
    const failing = scripted(() => new Response('busy', { status: 503 }));
    const sender = new A2AClient(card(), { fetch: failing.fetch, retry: { initialDelayMs: 1 } });
    const error = await sender.sendMessage({ message: userMessage('x') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 503, body: 'busy' });
    expect(failing.requests).toHaveLength(1);
  });

  it('times out and aborts with distinct codes', async () => {
    const hang = scripted(
      (request) =>
        new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        ),
    );
    const client = new A2AClient(card(), { fetch: hang.fetch, retry: false });
    const timedOut = await client.getTask({ id: 't' }, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(A2AClientError.isInstance(timedOut, 'TIMEOUT')).toBe(true);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const aborted = await client
      .getTask({ id: 't' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(A2AClientError.isInstance(aborted, 'ABORTED')).toBe(true);
  });

  it('refreshes a bearer token once after 401', async () => {
    const agent = scripted((request) =>
      request.headers.get('Authorization') === 'Bearer fresh'
        ? rpc(task())
        : new Response('no', { status: 401 }),
    );
    const client = new A2AClient(card(), {
      fetch: agent.fetch,
      interceptors: [bearerToken({ token: 'stale', refresh: () => 'fresh' })],
    });
    await expect(client.getTask({ id: 't' })).resolves.toMatchObject({ id: 't' });
    expect(agent.requests.map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
  });

  it('closes the connection when the consumer breaks out of a stream', async () => {
    let canceled = false;
    const agent = scripted(() =>
      sse([frame({ task: task('TASK_STATE_WORKING') })], {
        hang: true,
        onCancel: () => (canceled = true),
      }),
    );
    const client = new A2AClient(card(), { fetch: agent.fetch });
    for await (const event of client.sendStreamingMessage({ message: userMessage('x') })) {
      expect(event.task?.id).toBe('t');
      break;
    }
    expect(canceled).toBe(true);
  });

  it('resumes with Last-Event-ID on a resumable-streams agent and drops replayed events', async () => {
    const working = {
      statusUpdate: {
        taskId: 't',
        contextId: 'c',
        status: { state: 'TASK_STATE_WORKING' as const },
      },
    };
    const artifact = (n: number) => ({
      artifactUpdate: {
        taskId: 't',
        contextId: 'c',
        artifact: { artifactId: 'a', parts: [{ text: `${n}` }] },
        append: n > 1,
      },
    });
    const done = {
      statusUpdate: {
        taskId: 't',
        contextId: 'c',
        status: { state: 'TASK_STATE_COMPLETED' as const },
      },
    };
    const agent = scripted((_request, i) =>
      i === 0
        ? sse([
            frame({ task: task('TASK_STATE_SUBMITTED') }, 1),
            frame(working, 2),
            frame(artifact(1), 3),
          ])
        : sse([frame(artifact(1), 3), frame(artifact(2), 4), frame(done, 5)]),
    );
    const client = new A2AClient(
      card({
        capabilities: { streaming: true, extensions: [{ uri: BATON_URIS.resumableStreams }] },
      }),
      { fetch: agent.fetch, resume: { delayMs: 1 } },
    );
    const seen: string[] = [];
    for await (const event of client.sendStreamingMessage({ message: userMessage('x') })) {
      seen.push(Object.keys(event)[0]!);
    }
    expect(seen).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    const resumed = agent.requests[1]!;
    expect(resumed.headers.get('Last-Event-ID')).toBe('3');
    expect(((await resumed.json()) as { method: string }).method).toBe('SubscribeToTask');
    expect(resumed.headers.get('A2A-Extensions')).toContain(BATON_URIS.resumableStreams);
  });

  it('delivers an event without id after one with an id (no false duplicate)', async () => {
    const status = (state: TaskState) => ({
      statusUpdate: { taskId: 't', contextId: 'c', status: { state } },
    });
    const agent = scripted(() =>
      sse([
        frame({ task: task('TASK_STATE_SUBMITTED') }, 1),
        frame(status('TASK_STATE_WORKING')),
        frame(status('TASK_STATE_COMPLETED')),
      ]),
    );
    const client = new A2AClient(
      card({
        capabilities: { streaming: true, extensions: [{ uri: BATON_URIS.resumableStreams }] },
      }),
      {
        fetch: agent.fetch,
      },
    );
    const seen: string[] = [];
    for await (const event of client.sendStreamingMessage({ message: userMessage('x') }))
      seen.push(Object.keys(event)[0]!);
    expect(seen).toEqual(['task', 'statusUpdate', 'statusUpdate']);
  });

  it('without event ids, falls back to GetTask when the task ended during the gap', async () => {
    const agent = scripted(async (request, i) => {
      if (i === 0) return sse([frame({ task: task('TASK_STATE_WORKING') })]);
      const { method } = (await request.json()) as { method: string };
      if (method === 'SubscribeToTask') {
        return Response.json({
          jsonrpc: '2.0',
          id: 1,
          error: { code: -32004, message: 'terminal' },
        });
      }
      return rpc({ ...task(), artifacts: [{ artifactId: 'a', parts: [{ text: 'done' }] }] });
    });
    const client = new A2AClient(card(), { fetch: agent.fetch, resume: { delayMs: 1 } });
    const states: string[] = [];
    for await (const event of client.sendStreamingMessage({ message: userMessage('x') })) {
      states.push(event.task!.status.state);
    }
    expect(states).toEqual(['TASK_STATE_WORKING', 'TASK_STATE_COMPLETED']);
  });

  it('surfaces a drop as NETWORK_ERROR when resumption is off', async () => {
    const agent = scripted(() => sse([frame({ task: task('TASK_STATE_WORKING') })]));
    const client = new A2AClient(card(), { fetch: agent.fetch, resume: false });
    const events: StreamResponse[] = [];
    const error = await (async () => {
      for await (const event of client.sendStreamingMessage({ message: userMessage('x') }))
        events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toHaveLength(1);
    expect(A2AClientError.isInstance(error, 'NETWORK_ERROR')).toBe(true);
    expect(agent.requests).toHaveLength(1);
  });

  it('gives up on a stream that broke before the agent named a task', async () => {
    const agent = scripted(() => sse([]));
    const client = new A2AClient(card(), { fetch: agent.fetch });
    const error = await (async () => {
      for await (const _ of client.sendStreamingMessage({ message: userMessage('x') })) void _;
    })().catch((e: unknown) => e);
    expect(A2AClientError.isInstance(error, 'NETWORK_ERROR')).toBe(true);
  });
});
