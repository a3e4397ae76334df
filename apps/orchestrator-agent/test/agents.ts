import { createServer } from 'node:net';

import { A2AClient } from '@baton/client';
import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  createRequestHandler,
  type DefaultRequestHandler,
  silentLogger,
} from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { serveNode } from '@baton/transport-http/node';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { taskAgentCard, taskExecutor } from '@baton-apps/task-agent';

import {
  createOrchestratorExecutor,
  orchestratorAgentCard,
  type OrchestratorExecutor,
  type OrchestratorOptions,
} from '../src/agent.js';

/** An agent served on a free port of 127.0.0.1, in memory. */
export interface RunningAgent {
  url: string;
  handler: DefaultRequestHandler;
  client: A2AClient;
  close(): Promise<void>;
}

/** Serves an agent on 127.0.0.1:0 with an in-memory store. */
export async function startAgent(
  agentCard: AgentCard,
  executor: AgentExecutor,
): Promise<RunningAgent> {
  const handler = createRequestHandler({ agentCard, executor, logger: silentLogger });
  const server = await serveNode(createA2AHono(handler));
  const client = await A2AClient.connect(server.url, { cardCache: false });
  return {
    url: server.url,
    handler,
    client,
    close: async () => {
      await handler.close({ graceMs: 1000 });
      await server.close();
    },
  };
}

export const startEchoAgent = () => startAgent(echoAgentCard, echoExecutor);
export const startTaskAgent = () => startAgent(taskAgentCard, taskExecutor);

/** The orchestrator, served, with its executor for inspection. */
export interface RunningOrchestrator extends RunningAgent {
  executor: OrchestratorExecutor;
}

export async function startOrchestrator(
  options: OrchestratorOptions,
): Promise<RunningOrchestrator> {
  const executor = createOrchestratorExecutor({ connectTimeoutMs: 3000, ...options });
  const agent = await startAgent(orchestratorAgentCard, executor);
  return { ...agent, executor };
}

/** A URL of 127.0.0.1 where nothing listens (a port that was free a moment ago). */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
