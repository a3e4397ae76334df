import { type AgentCard, type Message } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  createRequestHandler,
  type DefaultRequestHandler,
  InMemoryEventLog,
  InMemoryMessageStore,
  InMemoryPushConfigStore,
  InMemoryState,
  InMemoryTaskStore,
  type RequestHandlerOptions,
  silentLogger,
} from '@baton/server';
import { type Hono } from 'hono';

import { type A2AHonoOptions, createA2AHono } from '../src/index.js';
import { type NodeServer, serveNode } from '../src/node.js';

/** The test agent's card: streaming and push on. */
export const testCard: AgentCard = {
  name: 'Test Agent',
  description: 'Agent of the transport tests',
  version: '0.0.1',
  supportedInterfaces: [],
  capabilities: { streaming: true, pushNotifications: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'test', name: 'test', description: 'tests', tags: ['test'] }],
};

/** Resolves after `ms` or when `signal` aborts (false). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });
}

/**
 * By message text: `reply` answers directly; `wait <ms>` works until canceled or `ms` passes;
 * `chunks <n> [ms]` sends n artifact chunks (`ms` apart); `input` asks for input; anything else
 * completes.
 */
export const testExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    const [command, arg, delay] = text.split(' ');
    if (context.task?.status.state === 'TASK_STATE_INPUT_REQUIRED') return events.complete('ok');
    if (command === 'reply') return events.reply(`reply: ${arg ?? ''}`);
    if (command === 'input') return events.requireInput('more please');
    await events.working();
    if (command === 'wait') {
      if (!(await sleep(Number(arg ?? 30_000), context.signal))) return;
    } else if (command === 'chunks') {
      let artifactId: string | undefined;
      for (let i = 0; i < Number(arg ?? 3); i++) {
        if (delay && !(await sleep(Number(delay), context.signal))) return;
        artifactId = await events.addArtifact(
          { artifactId, name: 'chunks', parts: [{ text: `${i}` }] },
          { append: i > 0 },
        );
      }
    } else {
      await events.addArtifact({ name: 'result', parts: [{ text: `done: ${text}` }] });
    }
    await events.complete();
  },
};

/** A user message with one text part. */
export function userMessage(text: string, extra: Partial<Message> = {}): Message {
  return { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

/** An in-memory store whose state the test can inspect (live event-log listeners). */
export function inspectableStore(): { store: BatonStore; listeners: () => number } {
  const state = new InMemoryState();
  const store: BatonStore = {
    tasks: new InMemoryTaskStore(state),
    events: new InMemoryEventLog(state),
    messages: new InMemoryMessageStore(state),
    pushConfigs: new InMemoryPushConfigStore(state),
    close: async () => state.clear(),
  };
  const listeners = () => [...state.subscriptions.values()].reduce((n, set) => n + set.size, 0);
  return { store, listeners };
}

/** A handler and its app, optionally listening on 127.0.0.1 port 0. */
export interface TestAgent {
  handler: DefaultRequestHandler;
  app: Hono;
  url: string;
  server: NodeServer | undefined;
  close(): Promise<void>;
}

/** Options of {@link startTestAgent}. */
export interface TestAgentOptions {
  handler?: Partial<RequestHandlerOptions>;
  app?: A2AHonoOptions;
  /** Listen on a real socket. @default true */
  listen?: boolean;
  /** serveNode's own SSE writer; false streams through the web Response body. @default true */
  nativeSse?: boolean;
}

/** Both ways SSE is written on Node, for tests that must hold for each. */
export const SSE_WRITERS = [
  { writer: 'serveNode native', nativeSse: true },
  { writer: 'web Response body', nativeSse: false },
] as const;

/** Builds the test agent and serves it on a free port of 127.0.0.1. */
export async function startTestAgent(options: TestAgentOptions = {}): Promise<TestAgent> {
  const handler = createRequestHandler({
    agentCard: testCard,
    executor: testExecutor,
    logger: silentLogger,
    ...options.handler,
  });
  const app = createA2AHono(handler, options.app);
  const server =
    options.listen === false
      ? undefined
      : await serveNode(app, { nativeSse: options.nativeSse ?? true });
  return {
    handler,
    app,
    url: server?.url ?? 'http://localhost',
    server,
    async close() {
      await server?.close();
      await handler.close({ graceMs: 100 });
    },
  };
}

/** POSTs a JSON-RPC request and returns the HTTP response. */
export function postJsonRpc(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'A2A-Version': '1.0' },
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}/a2a/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** Parsed JSON as `Response.json()` gives it: untyped, for assertions in tests. */
export type Json = Awaited<ReturnType<Response['json']>>;

/** Calls a JSON-RPC method (1.0 by default) and returns the parsed response body. */
export async function rpc(
  url: string,
  method: string,
  params: unknown,
  headers?: Record<string, string>,
): Promise<Json> {
  const response = await postJsonRpc(url, { jsonrpc: '2.0', id: 1, method, params }, headers);
  return response.json();
}

/** One parsed SSE event. */
export interface ParsedSseEvent {
  id?: string | undefined;
  data?: Json;
  comment?: string | undefined;
}

/** Reads SSE events from a response until the stream ends (or `max` events were read). */
export async function readSse(
  response: Response,
  options: { max?: number; comments?: boolean } = {},
): Promise<ParsedSseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ParsedSseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: ParsedSseEvent = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim();
        else if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
      }
      if (event.comment !== undefined && !options.comments) continue;
      events.push(event);
      if (options.max !== undefined && events.length >= options.max) {
        await reader.cancel();
        return events;
      }
    }
  }
  return events;
}
