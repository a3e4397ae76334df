import { type AgentCard, type Message } from '@baton/protocol';
import { type AgentExecutor } from '@baton/server';

/** The text parts of a message, joined. */
export function textOf(message: Message): string {
  return message.parts.map((part) => part.text ?? '').join('');
}

/**
 * The echo agent's card. `supportedInterfaces` is filled in by the transport with the URLs it
 * actually serves.
 */
export const echoAgentCard: AgentCard = {
  name: 'Echo Agent',
  description: 'Answers every message with a direct reply that echoes its text. No tasks.',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'echo',
      name: 'Echo',
      description: 'Repeats the text of the message it receives.',
      tags: ['example', 'echo'],
      examples: ['hello'],
    },
  ],
};

/** Replies to each message with `echo: <its text>`, as a direct message (no task). */
export const echoExecutor: AgentExecutor = {
  async execute(context, events) {
    await events.reply(`echo: ${textOf(context.message)}`);
  },
};
