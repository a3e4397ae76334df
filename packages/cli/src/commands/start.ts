import { type Command } from '../command.js';
import { CliError } from '../errors.js';
import { EXIT_CODES } from '../exit-codes.js';

/** `baton start`: the local demo stack — not available yet. */
export const startCommand: Command = {
  name: 'start',
  summary: 'Start the local demo stack (not available yet)',
  usage: ['start'],
  description:
    'Will start the demo stack (example agents and the console on the embedded SQLite store). ' +
    'The demo stack has not been released yet, so this command only explains what to run instead.',
  options: {},
  examples: ['baton start'],
  async run() {
    throw new CliError(
      EXIT_CODES.USAGE,
      '`baton start` is not available yet: the demo stack has not been released',
      {
        kind: 'unavailable',
        hint:
          'from a Baton checkout, start an example agent (pnpm --filter @baton-apps/task-agent start) ' +
          'and open the console on it: baton console http://127.0.0.1:4102',
      },
    );
  },
};
