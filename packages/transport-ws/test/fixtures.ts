import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type AgentCard } from '@baton/protocol';
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
import { type A2AHonoOptions, createA2AHono } from '@baton/transport-http';
import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { getRequestListener } from '@hono/node-server';

import { withWebSocketInterfaces } from '../src/index.js';
import {
  type AttachWebSocketOptions,
  attachWebSocketServer,
  type NodeWebSocketEndpoint,
} from '../src/node/index.js';

/** An agent served over HTTP (hono) and WebSocket on one port of 127.0.0.1. */
export interface RunningAgent {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `ws://127.0.0.1:<port>/a2a/ws` */
  wsUrl: string;
  handler: DefaultRequestHandler;
  /** Live event-log subscriptions (one per open stream that follows a task). */
  listeners(): number;
  endpoint: NodeWebSocketEndpoint;
  httpServer: Server;
  close(): Promise<void>;
}

/** What {@link startAgent} serves. */
export interface AgentOptions {
  card?: AgentCard;
  executor?: AgentExecutor;
  handler?: Partial<RequestHandlerOptions>;
  http?: A2AHonoOptions;
  ws?: AttachWebSocketOptions;
}

/**
 * Serves an agent (the conformance agent by default) on a free port: the HTTP bindings through
 * hono and the WebSocket binding on the same server, declared in the card.
 */
export async function startAgent(options: AgentOptions = {}): Promise<RunningAgent> {
  const holder: { app?: { fetch(request: Request): Response | Promise<Response> } } = {};
  const listener = getRequestListener((request) => holder.app!.fetch(request));
  const httpServer = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}/a2a/ws`;
  const state = new InMemoryState();
  const store: BatonStore = {
    tasks: new InMemoryTaskStore(state),
    events: new InMemoryEventLog(state),
    messages: new InMemoryMessageStore(state),
    pushConfigs: new InMemoryPushConfigStore(state),
    close: async () => state.clear(),
  };
  const handler = createRequestHandler({
    store,
    agentCard: withWebSocketInterfaces(options.card ?? conformanceAgentCard, wsUrl),
    executor: options.executor ?? conformanceExecutor,
    logger: silentLogger,
    push: { allowPrivateUrls: true, timeoutMs: 2000, maxAttempts: 1 },
    ...options.handler,
  });
  holder.app = createA2AHono(handler, options.http);
  const endpoint = attachWebSocketServer(httpServer, handler, {
    logger: silentLogger,
    ...options.ws,
  });
  return {
    url,
    wsUrl,
    handler,
    listeners: () => [...state.subscriptions.values()].reduce((n, set) => n + set.size, 0),
    endpoint,
    httpServer,
    async close() {
      await endpoint.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await handler.close({ graceMs: 100 });
      state.clear();
    },
  };
}

/** A user message with one text part, canonical 1.0. */
export function userMessage(text: string, extra: Record<string, unknown> = {}) {
  return { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The conformance agent plus `flood <n> <bytes> [everyMs]`: n artifact updates of `bytes`
 * characters each (one artifact, replaced each time so the task stays small), as fast as the
 * store takes them or one every `everyMs`.
 */
export const floodingExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    const [command, count, bytes, every] = text.split(' ');
    if (command !== 'flood') return conformanceExecutor.execute(context, events);
    await events.working();
    const chunk = 'x'.repeat(Number(bytes ?? 1024));
    let artifactId: string | undefined;
    for (let index = 0; index < Number(count ?? 100); index++) {
      if (context.signal.aborted) return;
      if (every !== undefined) await sleep(Number(every));
      artifactId = await events.addArtifact({
        artifactId,
        name: 'flood',
        parts: [{ text: chunk }],
      });
    }
    await events.complete();
  },
};
