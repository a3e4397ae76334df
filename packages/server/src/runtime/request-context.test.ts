import { describe, expect, it } from 'vitest';

import { type RequestContext } from '../agent-executor.js';
import { createRequestHandler } from '../handler/default-request-handler.js';
import { silentLogger } from '../logger.js';

const agentCard = {
  name: 'Context agent',
  description: 'Hands its contexts to the test',
  supportedInterfaces: [],
  version: '1.0.0',
  capabilities: {},
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [],
};

describe('createRequestContext', () => {
  it('gives an executor own enumerable members, so a spread copies every one of them', async () => {
    const seen: RequestContext[] = [];
    const handler = createRequestHandler({
      agentCard,
      logger: silentLogger,
      executor: {
        async execute(context, events) {
          seen.push(context);
          await events.complete();
        },
      },
    });
    const first = await handler.sendMessage({
      message: { messageId: 'm-1', role: 'ROLE_USER', parts: [{ text: 'one' }] },
    });
    const contextId = first.task!.contextId;
    await handler.sendMessage({
      message: { messageId: 'm-2', role: 'ROLE_USER', parts: [{ text: 'two' }], contextId },
    });
    const context = seen[1]!;
    expect(Object.keys(context)).toEqual([
      'taskId',
      'contextId',
      'message',
      'params',
      'task',
      'caller',
      'tenant',
      'extensions',
      'signal',
      'history',
    ]);
    const signal = Object.getOwnPropertyDescriptor(context, 'signal')!;
    expect(signal).toMatchObject({ enumerable: true, configurable: true, set: undefined });
    expect(context.signal).toBeInstanceOf(AbortSignal);
    expect(context.signal).toBe(context.signal);
    const copy = { ...context };
    expect(copy.signal).toBe(context.signal);
    expect(copy.message.messageId).toBe('m-2');
    // `history` needs no `this`: taken off the context, it still reads the conversation.
    const { history } = copy;
    const earlier = await history();
    expect(earlier.map((entry) => entry.message.messageId)).toEqual(['m-1']);
    expect(seen[0]!.signal).not.toBe(context.signal);
    await handler.close();
  });
});
