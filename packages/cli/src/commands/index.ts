import { type Command } from '../command.js';
import { cancelCommand } from './cancel.js';
import { cardCommand } from './card.js';
import { consoleCommand } from './console.js';
import { getCommand } from './get.js';
import { listCommand } from './list.js';
import { pushCreateCommand, pushDeleteCommand, pushGetCommand, pushListCommand } from './push.js';
import { sendCommand } from './send.js';
import { startCommand } from './start.js';
import { subscribeCommand } from './subscribe.js';

/** Every `baton` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  cardCommand,
  sendCommand,
  getCommand,
  listCommand,
  cancelCommand,
  subscribeCommand,
  pushCreateCommand,
  pushGetCommand,
  pushListCommand,
  pushDeleteCommand,
  consoleCommand,
  startCommand,
];
