import { join } from 'node:path';

import { type RunningConsole, startConsole } from '@baton/console';
import { type AgentCard } from '@baton/protocol';
import {
  type AgentExecutor,
  createRequestHandler,
  type DefaultRequestHandler,
} from '@baton/server';
import { createSqliteStore, type SqliteStore } from '@baton/store-sqlite';
import { createA2AHono } from '@baton/transport-http';
import { type NodeServer, serveNode } from '@baton/transport-http/node';
import { echoAgentCard, echoExecutor } from '@baton-apps/echo-agent';
import { createOrchestratorExecutor, orchestratorAgentCard } from '@baton-apps/orchestrator-agent';
import { taskAgentCard, taskExecutor } from '@baton-apps/task-agent';

import { type DemoConfig, PORT_VARIABLES, type StackMember } from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { DEMO_RECOVERY_MESSAGE } from './recovery.js';

/** One agent of the stack: its store, handler and server. */
export interface StackAgent {
  name: string;
  url: string;
  /** The SQLite file of its tasks. */
  storePath: string;
  store: SqliteStore;
  handler: DefaultRequestHandler;
  /** Tasks start-up recovery marked failed. */
  recovered: number;
}

/** The running demo stack. */
export interface RunningStack {
  dataDir: string;
  echo: StackAgent;
  task: StackAgent;
  orchestrator: StackAgent;
  console: RunningConsole;
  /** Stops everything, in an order that lets the orchestrator cancel its delegated tasks. */
  close(): Promise<void>;
}

/** A server that could not listen, named in terms of the stack. */
export class StackStartError extends Error {
  override name = 'StackStartError';
}

async function listen(
  app: { fetch(request: Request): Response | Promise<Response> },
  config: DemoConfig,
  member: StackMember,
): Promise<NodeServer> {
  try {
    return await serveNode(app, { port: config.ports[member], hostname: config.host });
  } catch (error) {
    throw portError(error, config, member);
  }
}

function portError(error: unknown, config: DemoConfig, member: StackMember): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  return new StackStartError(
    `port ${config.ports[member]} on ${config.host} (the ${member} server) is already in use: ` +
      `is the demo already running? Stop it, or set ${PORT_VARIABLES[member]} to another port.`,
    { cause: error },
  );
}

/**
 * Starts the demo stack: the echo, task and orchestrator agents, each with its own SQLite file
 * in the data directory, and the console beside their stores. Before any agent serves, the data
 * directory is locked and tasks a crash left running are marked failed.
 * @example
 * const stack = await startStack(configFromEnv());
 * process.once('SIGINT', () => void stack.close());
 */
export async function startStack(config: DemoConfig): Promise<RunningStack> {
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        console.error('demo: error while stopping:', error);
      }
    }
  };
  try {
    closers.push(lockDataDir(config.dataDir));

    const startAgent = async (
      member: StackMember,
      agentCard: AgentCard,
      executor: AgentExecutor,
    ): Promise<StackAgent> => {
      const storePath = join(config.dataDir, `${member}-agent.sqlite`);
      const store = createSqliteStore({ path: storePath });
      closers.push(() => store.close());
      // The server's start-up recovery fails the tasks a crash left submitted or working.
      const handler = createRequestHandler({
        agentCard,
        executor,
        store,
        recovery: { mode: 'fail', message: DEMO_RECOVERY_MESSAGE },
      });
      const recovered = (await handler.ready).failed.length;
      const server = await listen(createA2AHono(handler), config, member);
      // Stop taking requests, then let running executors finish or fail cleanly.
      closers.push(async () => {
        await handler.close();
        await server.close();
      });
      const name = agentCard.name;
      return { name, url: server.url, storePath, store, handler, recovered };
    };

    const echo = await startAgent('echo', echoAgentCard, echoExecutor);
    const task = await startAgent('task', taskAgentCard, taskExecutor);
    const orchestrator = await startAgent(
      'orchestrator',
      orchestratorAgentCard,
      createOrchestratorExecutor({ echoAgentUrl: echo.url, taskAgentUrl: task.url }),
    );
    let consoleServer: RunningConsole;
    try {
      consoleServer = await startConsole({
        host: config.host,
        port: config.ports.console,
        agents: [orchestrator, echo, task].map((agent) => ({
          name: agent.name,
          url: agent.url,
          store: agent.store,
        })),
      });
    } catch (error) {
      throw portError(error, config, 'console');
    }
    closers.push(() => consoleServer.close());
    return {
      dataDir: config.dataDir,
      echo,
      task,
      orchestrator,
      console: consoleServer,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
