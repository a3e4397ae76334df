import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  createRequestHandler,
  type DefaultRequestHandler,
  type RequestHandlerOptions,
  silentLogger,
} from '@baton/server';
import { type A2AHonoOptions, createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';

/** An example agent served in-process on 127.0.0.1 (port 0). */
export interface RunningAgent {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  handler: DefaultRequestHandler;
  close(): Promise<void>;
}

/** What {@link startAgent} serves. */
export interface AgentDefinition {
  card: AgentCard;
  executor: AgentExecutor;
  handler?: Partial<RequestHandlerOptions>;
  app?: A2AHonoOptions;
}

/**
 * Serves an agent (card + executor) the way its `main.ts` does, on a free port of 127.0.0.1,
 * with loopback webhooks allowed so push tests can receive deliveries locally.
 */
export async function startAgent(definition: AgentDefinition): Promise<RunningAgent> {
  const handler = createRequestHandler({
    agentCard: definition.card,
    executor: definition.executor,
    logger: silentLogger,
    push: { allowPrivateUrls: true, timeoutMs: 2000, maxAttempts: 1 },
    ...definition.handler,
  });
  const server = await serveNode(createA2AHono(handler, definition.app));
  return {
    url: server.url,
    handler,
    async close() {
      await server.close();
      await handler.close({ graceMs: 100 });
    },
  };
}
