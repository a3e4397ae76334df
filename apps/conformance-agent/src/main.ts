import { createRequestHandler } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';

import { conformanceAgentCard, conformanceExecutor } from './agent.js';

/** Default port of the conformance agent (`PORT` overrides it; 0 picks a free one). */
const DEFAULT_PORT = 4103;

// Conformance suites (the A2A TCK) run their webhook receiver on localhost: allow loopback URLs.
const handler = createRequestHandler({
  agentCard: conformanceAgentCard,
  executor: conformanceExecutor,
  push: { allowPrivateUrls: true },
});
const server = await serveNode(createA2AHono(handler), {
  port: Number(process.env.PORT ?? DEFAULT_PORT),
  hostname: process.env.HOST ?? '127.0.0.1',
});
console.log(`Conformance Agent: ${server.url}/.well-known/agent-card.json`);

const stop = () => {
  void Promise.all([server.close(), handler.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
