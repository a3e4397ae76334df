// Type test: the README's Node example compiles as written.
import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor, createRequestHandler } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serve } from '@hono/node-server';

import { withWebSocketInterfaces } from '../src/index.js';
import { attachWebSocketServer } from '../src/node/index.js';

declare const card: AgentCard;
declare const executor: AgentExecutor;

export function readmeNodeExample(): void {
  const handler = createRequestHandler({
    agentCard: withWebSocketInterfaces(card, 'ws://localhost:4000/a2a/ws'),
    executor,
  });
  const server = serve({ fetch: createA2AHono(handler).fetch, port: 4000 });
  attachWebSocketServer(server, handler);
}
