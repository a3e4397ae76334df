// The @a2a-js/sdk side of the vs-SDK bench: the same agent (working → one artifact → completed)
// with the SDK's recommended setup — express, DefaultRequestHandler, InMemoryTaskStore,
// jsonRpcHandler with the 0.3 compatibility layer on — as its own process.
import {
  AgentEvent,
  type AgentExecutor,
  DefaultRequestHandler,
  type ExecutionEventBus,
  InMemoryTaskStore,
  type RequestContext,
} from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import express from 'express';

import { adminMemory, announce } from './common.js';

// The SDK's enum numbers (ts-proto), as its samples use them.
const STATE = { submitted: 1, working: 2, completed: 3 } as const;

function textPart(value: string) {
  return { content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' };
}

class BenchExecutor implements AgentExecutor {
  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context;
    const status = (state: number) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: { state, message: undefined, timestamp: new Date().toISOString() },
          metadata: undefined,
        }),
      );
    bus.publish(
      AgentEvent.task(
        context.task ?? {
          id: taskId,
          contextId,
          status: {
            state: STATE.submitted,
            message: undefined,
            timestamp: new Date().toISOString(),
          },
          artifacts: [],
          history: [context.userMessage],
          metadata: undefined,
        },
      ),
    );
    status(STATE.working);
    bus.publish(
      AgentEvent.artifactUpdate({
        taskId,
        contextId,
        artifact: {
          artifactId: 'result',
          name: 'result',
          description: '',
          parts: [textPart(`ok: ${context.userMessage.messageId}`)],
          metadata: undefined,
          extensions: [],
        },
        append: false,
        lastChunk: true,
        metadata: undefined,
      } as never),
    );
    status(STATE.completed);
    bus.finished();
  }

  async cancelTask(): Promise<void> {}
}

const app = express();
const server = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };
const baseUrl = `http://127.0.0.1:${port}`;
const card = {
  name: 'Bench agent',
  description: 'working → one artifact → completed',
  supportedInterfaces: ['1.0', '0.3'].map((protocolVersion) => ({
    url: `${baseUrl}/a2a/jsonrpc`,
    protocolBinding: 'JSONRPC',
    tenant: '',
    protocolVersion,
  })),
  provider: undefined,
  version: '1.0.0',
  capabilities: {
    streaming: true,
    pushNotifications: false,
    extensions: [],
    extendedAgentCard: false,
  },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'bench',
      name: 'Bench',
      description: 'Benchmarks',
      tags: ['bench'],
      examples: [],
      inputModes: [],
      outputModes: [],
      securityRequirements: [],
    },
  ],
  signatures: [],
};
const taskStore = new InMemoryTaskStore();
const handler = new DefaultRequestHandler(card, taskStore, new BenchExecutor());
const legacyCompat = { enabled: true };

// Bench-only admin routes first, so they never run the A2A middleware.
app.get('/__bench/memory', (_req, res) => void adminMemory().then((m) => res.json(m)));
// The SDK has no retention: its in-memory store keeps every task until the process ends.
app.post('/__bench/retention', (_req, res) => void res.json({ purged: 0, unsupported: true }));
app.use(
  '/.well-known/agent-card.json',
  agentCardHandler({ agentCardProvider: handler, legacyCompat }),
);
app.use(
  '/a2a/jsonrpc',
  jsonRpcHandler({
    requestHandler: handler,
    userBuilder: UserBuilder.noAuthentication,
    legacyCompat,
  }),
);

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

announce(port);
