import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  type Authenticator,
  createRequestHandler,
  type DefaultRequestHandler,
  silentLogger,
} from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { withWebSocketInterfaces } from '@baton/transport-ws';
import { attachWebSocketServer, type NodeWebSocketEndpoint } from '@baton/transport-ws/node';
import { getRequestListener } from '@hono/node-server';

/** An example agent served in this process on a free port of 127.0.0.1. */
export interface TestAgent {
  /** `http://127.0.0.1:<port>` */
  url: string;
  handler: DefaultRequestHandler;
  /** Headers of every request the agent received, oldest first. */
  requests: Headers[];
  close(): Promise<void>;
}

/** What {@link startAgent} serves. */
export interface TestAgentOptions {
  card: AgentCard;
  executor: AgentExecutor;
  /** Also serve Baton's WebSocket binding (declared in the card). @default false */
  webSocket?: boolean;
  /** Authenticate requests (the public card stays open). */
  authenticator?: Authenticator;
}

/**
 * Serves an agent over HTTP (JSON-RPC 1.0 + 0.3, REST 1.0) and optionally WebSocket, the way the
 * example apps do, on a free port; records request headers.
 */
export async function startAgent(options: TestAgentOptions): Promise<TestAgent> {
  const requests: Headers[] = [];
  const holder: { app?: { fetch(request: Request): Response | Promise<Response> } } = {};
  const listener = getRequestListener((request) => {
    requests.push(request.headers);
    return holder.app!.fetch(request);
  });
  const server: Server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const card = options.webSocket
    ? withWebSocketInterfaces(options.card, `ws://127.0.0.1:${port}/a2a/ws`)
    : options.card;
  const handler = createRequestHandler({
    agentCard: card,
    executor: options.executor,
    logger: silentLogger,
    push: { allowPrivateUrls: true, timeoutMs: 1000, maxAttempts: 1 },
  });
  holder.app = createA2AHono(
    handler,
    options.authenticator ? { authenticator: options.authenticator } : {},
  );
  let endpoint: NodeWebSocketEndpoint | undefined;
  if (options.webSocket)
    endpoint = attachWebSocketServer(server, handler, { logger: silentLogger });
  return {
    url,
    handler,
    requests,
    async close() {
      await endpoint?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await handler.close({ graceMs: 100 });
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** JSON as tests read it: untyped, like `Response.json()`. */
export type Json = Awaited<ReturnType<Response['json']>>;

/** An agent that answers every message directly with the parts it received, as data. */
export const partsEchoCard: AgentCard = {
  name: 'Parts Echo',
  description: 'Replies with the parts of the message it received.',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true },
  defaultInputModes: ['*/*'],
  defaultOutputModes: ['application/json'],
  skills: [{ id: 'echo-parts', name: 'Echo parts', description: 'Echoes parts', tags: ['test'] }],
};

/** See {@link partsEchoCard}. */
export const partsEchoExecutor: AgentExecutor = {
  async execute(context, events) {
    await events.reply([{ data: { received: JSON.parse(JSON.stringify(context.message.parts)) } }]);
  },
};
