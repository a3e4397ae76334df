import { type AgentCard, type Message, type StreamResponse } from '@baton/protocol';

import {
  type AgentExecutor,
  createRequestHandler,
  type DefaultRequestHandler,
  type RequestHandlerOptions,
  silentLogger,
} from '../src/index.js';

/** A 1.0 agent card; `capabilities` and other fields can be overridden. */
export function card(overrides: Partial<AgentCard> = {}): AgentCard {
  return {
    name: 'Test agent',
    description: 'An agent for tests',
    supportedInterfaces: [
      { url: 'http://localhost/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
    ],
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: true, ...overrides.capabilities },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'echo', name: 'Echo', description: 'Echoes', tags: ['test'] }],
    ...overrides,
    ...(overrides.capabilities && {
      capabilities: { ...overrides.capabilities },
    }),
  };
}

let counter = 0;

/** A user message with text; `taskId` / `contextId` continue a conversation. */
export function userMessage(text: string, ids: Partial<Message> = {}): Message {
  counter++;
  return { messageId: `m-${counter}`, role: 'ROLE_USER', parts: [{ text }], ...ids };
}

/** Working → artifact (echo) → completed. */
export const echoExecutor: AgentExecutor = {
  async execute(context, events) {
    await events.working();
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    await events.addArtifact({ name: 'echo', parts: [{ text: `echo: ${text}` }] });
    await events.complete();
  },
};

/** A handler with a silent logger and the test card unless overridden. */
export function handlerWith(
  executor: AgentExecutor,
  options: Partial<RequestHandlerOptions> = {},
): DefaultRequestHandler {
  return createRequestHandler({ agentCard: card(), executor, logger: silentLogger, ...options });
}

/** Collects a stream into an array. */
export async function collect<T>(stream: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) {
    items.push(item);
    if (items.length >= max) break;
  }
  return items;
}

/** The kind of a stream item. */
export function kindOf(item: StreamResponse): string {
  if (item.task) return `task:${item.task.status.state}`;
  if (item.message) return 'message';
  if (item.statusUpdate) return `status:${item.statusUpdate.status.state}`;
  return 'artifact';
}

/** A promise with its resolver, for executors the test releases. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits until `check` is true (polling), failing after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 2000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * An executor driven by the first word of the message text:
 * `reply` answers directly; `input` asks for input and completes when continued; `auth` goes
 * auth-required; `wait` works until released with `release()` or canceled; `artifacts N` streams
 * N artifact chunks; anything else echoes (working → artifact → completed).
 */
export function scenarioExecutor(): AgentExecutor & { release: () => void } {
  let waiting = gate();
  return {
    release() {
      waiting.open();
      waiting = gate();
    },
    async execute(context, events) {
      const text = context.message.parts.map((part) => part.text ?? '').join(' ');
      const [command, arg] = text.split(' ');
      if (context.task && context.task.status.state === 'TASK_STATE_INPUT_REQUIRED') {
        await events.addArtifact({ name: 'answer', parts: [{ text: `got ${text}` }] });
        await events.complete('done');
        return;
      }
      switch (command) {
        case 'reply':
          await events.reply(`reply to ${text}`);
          return;
        case 'input':
          await events.working();
          await events.requireInput('which one?');
          return;
        case 'auth':
          await events.requireAuth('please sign in');
          await new Promise<void>((resolve) =>
            context.signal.addEventListener('abort', () => resolve()),
          );
          return;
        case 'wait': {
          const released = waiting.promise;
          await events.working('waiting');
          await Promise.race([
            released,
            new Promise<void>((resolve) =>
              context.signal.addEventListener('abort', () => resolve()),
            ),
          ]);
          if (!context.signal.aborted) await events.complete('released');
          return;
        }
        case 'artifacts': {
          await events.working();
          const id = 'stream';
          for (let i = 0; i < Number(arg); i++) {
            await events.addArtifact(
              { artifactId: id, parts: [{ text: `chunk ${i}` }] },
              { append: i > 0, lastChunk: i === Number(arg) - 1 },
            );
          }
          await events.complete();
          return;
        }
        default:
          await events.working();
          await events.addArtifact({ name: 'echo', parts: [{ text: `echo: ${text}` }] });
          await events.complete('finished');
      }
    },
  };
}
