export { type Command, type CommandContext } from './command.js';
export { COMMANDS } from './commands/index.js';
export { EXIT_CODES, type ExitCode, exitCodeForState } from './exit-codes.js';
export { type CliIo, type OutputStream } from './io.js';
export { runCli, type RunCliOptions } from './run-cli.js';
export { CLI_VERSION } from './version.js';
