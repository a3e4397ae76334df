import { type AgentCard, type Message } from '@baton/protocol';
import { type AgentExecutor } from '@baton/server';

import { COMMANDS } from './commands.js';

export { type Command, COMMANDS } from './commands.js';

/** The text parts of a message, joined. */
export function textOf(message: Message): string {
  return message.parts.map((part) => part.text ?? '').join('');
}

/** The conformance agent's card; the transport fills in `supportedInterfaces`. */
export const conformanceAgentCard: AgentCard = {
  name: 'Conformance Agent',
  description:
    'Does what the first word of the message says, so every task lifecycle path can be driven ' +
    `from outside. Commands: ${Object.keys(COMMANDS).join(', ')}.`,
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true, pushNotifications: true },
  defaultInputModes: ['text/plain', 'application/json', 'application/octet-stream'],
  defaultOutputModes: ['text/plain', 'application/json', 'application/octet-stream'],
  skills: Object.entries(COMMANDS).map(([name, command]) => ({
    id: name,
    name,
    description: command.description,
    tags: ['conformance'],
    examples: [name],
  })),
};

/**
 * Runs the command named by the first word of the message. A message that continues a task in
 * input-required completes it, echoing its text; unknown commands behave like `complete`.
 */
export const conformanceExecutor: AgentExecutor = {
  async execute(context, events) {
    const text = textOf(context.message).trim();
    if (context.task?.status.state === 'TASK_STATE_INPUT_REQUIRED') {
      await events.working();
      await events.addArtifact({ name: 'input', parts: [{ text: `received: ${text}` }] });
      await events.complete('Thanks for the input');
      return;
    }
    const [first = '', ...args] = text.split(/\s+/);
    const command = COMMANDS[first.toLowerCase()] ?? COMMANDS.complete!;
    await command.run(context, events, command === COMMANDS[first.toLowerCase()] ? args : [text]);
  },
};
