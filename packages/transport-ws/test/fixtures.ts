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

export { floodingExecutor, sleep, userMessage } from './agent.js';
