// Baton's own server core and HTTP transport, served on 127.0.0.1:0 through a node:http server
// whose sockets the test can destroy from the server side.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor, createRequestHandler, silentLogger } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { getRequestListener } from '@hono/node-server';

const card: AgentCard = {
  name: 'Baton test agent',
  description: 'A Baton agent for the client interop tests',
  version: '0.0.1',
  supportedInterfaces: [],
  capabilities: { streaming: true, pushNotifications: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes text', tags: ['test'] }],
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });

/** The same commands as the SDK agent: `hello`, `ask`, `slow <n>`, `wait`, anything else echoes. */
const executor: AgentExecutor = {
  async execute(context, events) {
    const input = context.message.parts.map((part) => part.text ?? '').join('');
    if (context.task?.status.state === 'TASK_STATE_INPUT_REQUIRED') {
      await events.addArtifact({
        artifactId: 'out',
        name: 'out',
        parts: [{ text: `answer: ${input}` }],
      });
      return events.complete();
    }
    if (input === 'hello') return events.reply('hello to you');
    await events.working();
    if (input === 'ask') return events.requireInput('which colour?');
    const slow = /^slow (\d+)$/.exec(input);
    if (slow) {
      const count = Number(slow[1]);
      for (let i = 1; i <= count; i++) {
        if (!(await sleep(60, context.signal))) return;
        await events.addArtifact(
          { artifactId: 'out', name: 'out', parts: [{ text: `c${i};` }] },
          { append: i > 1, lastChunk: i === count },
        );
      }
      return events.complete();
    }
    if (input === 'wait') {
      await sleep(30_000, context.signal);
      return;
    }
    await events.addArtifact({
      artifactId: 'out',
      name: 'out',
      parts: [{ text: `echo: ${input}` }],
    });
    return events.complete();
  },
};

/** A running Baton agent. */
export interface BatonAgent {
  baseUrl: string;
  /** Destroys every socket currently serving a stream, from the server side. */
  dropStreams(): number;
  /** Streams whose connection is still open on the server side. */
  openStreams(): number;
  close(): Promise<void>;
}

/** Starts a Baton agent (in-memory store) on 127.0.0.1:0. */
export async function startBatonAgent(): Promise<BatonAgent> {
  const handler = createRequestHandler({
    agentCard: card,
    executor,
    logger: silentLogger,
    push: { allowPrivateUrls: true },
  });
  const app = createA2AHono(handler);
  const listener = getRequestListener((request: Request) => app.fetch(request));
  const streams = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      streams.add(res);
      res.once('close', () => streams.delete(res));
    }
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    openStreams: () => streams.size,
    dropStreams() {
      const count = streams.size;
      for (const res of streams) res.socket?.destroy();
      streams.clear();
      return count;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.close({ graceMs: 100 });
    },
  };
}
