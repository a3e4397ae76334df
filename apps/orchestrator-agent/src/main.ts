import { createRequestHandler } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';

import { createOrchestratorExecutor, orchestratorAgentCard } from './agent.js';

/** Default port of the orchestrator agent (`PORT` overrides it; 0 picks a free one). */
const DEFAULT_PORT = 4104;

const echoAgentUrl = process.env.ECHO_AGENT_URL ?? 'http://127.0.0.1:4101';
const taskAgentUrl = process.env.TASK_AGENT_URL ?? 'http://127.0.0.1:4102';
const handler = createRequestHandler({
  agentCard: orchestratorAgentCard,
  executor: createOrchestratorExecutor({ echoAgentUrl, taskAgentUrl }),
});
const server = await serveNode(createA2AHono(handler), {
  port: Number(process.env.PORT ?? DEFAULT_PORT),
  hostname: process.env.HOST ?? '127.0.0.1',
});
console.log(
  `Orchestrator Agent: ${server.url}/.well-known/agent-card.json\n` +
    `  delegates to ${echoAgentUrl} (ECHO_AGENT_URL) and ${taskAgentUrl} (TASK_AGENT_URL)`,
);

const stop = () => {
  // The handler first: it cancels delegated tasks while the connections still work.
  void handler
    .close()
    .then(() => server.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
