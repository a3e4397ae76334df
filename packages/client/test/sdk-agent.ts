// An agent built with the official A2A JavaScript SDK, served with its own express setup on
// 127.0.0.1:0: a real foreign implementation for interop tests. `legacy: true` turns on the SDK's
// 0.3 compatibility layer and declares 0.3 interfaces next to the 1.0 ones.
import { type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import {
  AgentEvent,
  type AgentExecutor,
  DefaultPushNotificationSender,
  DefaultRequestHandler,
  type ExecutionEventBus,
  InMemoryPushNotificationStore,
  InMemoryTaskStore,
  type RequestContext,
} from '@a2a-js/sdk/server';
import {
  agentCardHandler,
  jsonRpcHandler,
  restHandler,
  UserBuilder,
} from '@a2a-js/sdk/server/express';
import express from 'express';

// The SDK's enum numbers (ts-proto), to avoid importing its generated enums.
const STATE = { submitted: 1, working: 2, completed: 3, canceled: 5, inputRequired: 6 } as const;
const ROLE_AGENT = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function text(value: string) {
  return {
    content: { $case: 'text', value },
    metadata: undefined,
    filename: '',
    mediaType: 'text/plain',
  };
}

function agentMessage(value: string, taskId: string, contextId: string) {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId,
    role: ROLE_AGENT,
    parts: [text(value)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

function userText(context: RequestContext): string {
  const part = context.userMessage.parts[0] as
    { content?: { $case: string; value: unknown } } | undefined;
  return part?.content?.$case === 'text' ? String(part.content.value) : '';
}

class TestExecutor implements AgentExecutor {
  readonly #canceled = new Set<string>();

  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context;
    const input = userText(context);
    if (input === 'hello') {
      bus.publish(AgentEvent.message(agentMessage('hello to you', '', contextId) as never));
      bus.finished();
      return;
    }
    const status = (state: number, message?: string) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: {
            state,
            message: message === undefined ? undefined : agentMessage(message, taskId, contextId),
            timestamp: new Date().toISOString(),
          },
          metadata: undefined,
        } as never),
      );
    const chunk = (value: string, append: boolean, lastChunk: boolean) =>
      bus.publish(
        AgentEvent.artifactUpdate({
          taskId,
          contextId,
          artifact: {
            artifactId: 'out',
            name: 'out',
            description: '',
            parts: [text(value)],
            metadata: undefined,
            extensions: [],
          },
          append,
          lastChunk,
          metadata: undefined,
        } as never),
      );
    const existing = context.task;
    bus.publish(
      AgentEvent.task(
        existing ?? {
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
    if (existing && input !== '') {
      // A follow-up to an input-required task.
      chunk(`answer: ${input}`, false, true);
      status(STATE.completed);
      bus.finished();
      return;
    }
    status(STATE.working);
    if (input === 'ask') {
      status(STATE.inputRequired, 'which colour?');
      bus.finished();
      return;
    }
    const slow = /^slow (\d+)$/.exec(input);
    if (slow) {
      const count = Number(slow[1]);
      for (let i = 1; i <= count; i++) {
        await sleep(60);
        if (this.#canceled.has(taskId)) return;
        chunk(`c${i};`, i > 1, i === count);
      }
      status(STATE.completed);
      bus.finished();
      return;
    }
    if (input === 'wait') {
      while (!this.#canceled.has(taskId)) await sleep(20);
      return;
    }
    chunk(`echo: ${input}`, false, true);
    status(STATE.completed);
    bus.finished();
  }

  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    this.#canceled.add(taskId);
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: '',
        status: { state: STATE.canceled, message: undefined, timestamp: new Date().toISOString() },
        metadata: undefined,
      }),
    );
    bus.finished();
  }
}

/** A running SDK agent. */
export interface SdkAgent {
  /** Base URL (card at /.well-known/agent-card.json). */
  baseUrl: string;
  /** Destroys every socket currently serving a stream, from the server side. */
  dropStreams(): number;
  /** Streams whose connection is still open on the server side. */
  openStreams(): number;
  close(): Promise<void>;
}

/** Starts the SDK agent on 127.0.0.1:0. */
export async function startSdkAgent(options: { legacy: boolean }): Promise<SdkAgent> {
  const app = express();
  const streams = new Set<ServerResponse>();
  app.use((req, res, next) => {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      streams.add(res);
      res.once('close', () => streams.delete(res));
    }
    next();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const interfaces = [
    {
      url: `${baseUrl}/a2a/jsonrpc`,
      protocolBinding: 'JSONRPC',
      tenant: '',
      protocolVersion: '1.0',
    },
    {
      url: `${baseUrl}/a2a/rest`,
      protocolBinding: 'HTTP+JSON',
      tenant: '',
      protocolVersion: '1.0',
    },
  ];
  if (options.legacy) {
    interfaces.push(
      {
        url: `${baseUrl}/a2a/jsonrpc`,
        protocolBinding: 'JSONRPC',
        tenant: '',
        protocolVersion: '0.3',
      },
      {
        url: `${baseUrl}/a2a/rest`,
        protocolBinding: 'HTTP+JSON',
        tenant: '',
        protocolVersion: '0.3',
      },
    );
  }
  const card = {
    name: 'SDK test agent',
    description: 'An agent built with @a2a-js/sdk for Baton client interop tests',
    supportedInterfaces: interfaces,
    provider: undefined,
    version: '1.0.0',
    capabilities: {
      streaming: true,
      pushNotifications: true,
      extensions: [],
      extendedAgentCard: false,
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'echo',
        name: 'Echo',
        description: 'Echoes text',
        tags: ['test'],
        examples: [],
        inputModes: [],
        outputModes: [],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
  const pushStore = new InMemoryPushNotificationStore();
  const handler = new DefaultRequestHandler(
    card,
    new InMemoryTaskStore(),
    new TestExecutor(),
    undefined,
    pushStore,
    new DefaultPushNotificationSender(pushStore),
  );
  const legacyCompat = { enabled: options.legacy };
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
  app.use(
    '/a2a/rest',
    restHandler({
      requestHandler: handler,
      userBuilder: UserBuilder.noAuthentication,
      legacyCompat,
    }),
  );
  return {
    baseUrl,
    openStreams: () => streams.size,
    dropStreams() {
      const count = streams.size;
      for (const res of streams) res.socket?.destroy();
      streams.clear();
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
