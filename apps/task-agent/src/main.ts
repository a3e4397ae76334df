import { createRequestHandler } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';

import { taskAgentCard, taskExecutor } from './agent.js';

/** Default port of the task agent (`PORT` overrides it; 0 picks a free one). */
const DEFAULT_PORT = 4102;

const handler = createRequestHandler({ agentCard: taskAgentCard, executor: taskExecutor });
const server = await serveNode(createA2AHono(handler), {
  port: Number(process.env.PORT ?? DEFAULT_PORT),
  hostname: process.env.HOST ?? '127.0.0.1',
});
console.log(`Task Agent: ${server.url}/.well-known/agent-card.json`);

const stop = () => {
  void Promise.all([server.close(), handler.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
