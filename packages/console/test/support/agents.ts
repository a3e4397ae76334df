import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  type BatonStore,
  createRequestHandler,
  silentLogger,
} from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { type NodeServer, serveNode } from '@baton/transport-http/node';
import { conformanceAgentCard, conformanceExecutor } from '@baton-apps/conformance-agent';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { taskAgentCard, taskExecutor } from '@baton-apps/task-agent';

/** A real example agent served on 127.0.0.1, port 0. */
export interface RunningAgent {
  name: string;
  url: string;
  close(): Promise<void>;
}

const EXAMPLES: Record<string, { card: AgentCard; executor: AgentExecutor }> = {
  echo: { card: echoAgentCard, executor: echoExecutor },
  tasks: { card: taskAgentCard, executor: taskExecutor },
  conformance: { card: conformanceAgentCard, executor: conformanceExecutor },
};

/** Starts one of the example agents in this process, keeping its tasks in `store`. */
export async function startAgent(
  name: keyof typeof EXAMPLES,
  store?: BatonStore,
): Promise<RunningAgent> {
  const { card, executor } = EXAMPLES[name]!;
  const handler = createRequestHandler({
    agentCard: card,
    executor,
    store,
    logger: silentLogger,
    push: { allowPrivateUrls: true },
  });
  const server: NodeServer = await serveNode(createA2AHono(handler), { port: 0 });
  return {
    name,
    url: server.url,
    close: async () => {
      await server.close();
      await handler.close({ graceMs: 100 });
    },
  };
}
