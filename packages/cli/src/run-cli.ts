import { GLOBAL_OPTIONS, type OptionTable, parseCommandLine, peekPositionals } from './args.js';
import { type Command, type CommandContext } from './command.js';
import { COMMANDS } from './commands/index.js';
import { DEFAULT_TIMEOUT_MS, readGlobalSettings } from './connect.js';
import { UsageError } from './errors.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { explainError } from './explain.js';
import { commandHelp, globalHelp, groupHelp } from './help.js';
import { type CliIo } from './io.js';
import { Output } from './output.js';
import { CLI_VERSION } from './version.js';

const ALL_OPTIONS: OptionTable = Object.assign(
  {},
  GLOBAL_OPTIONS,
  ...COMMANDS.map((c) => c.options),
);
const GROUPS = new Set(
  COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!),
);

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

function suggest(word: string): string {
  const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))];
  const close = names.find((name) => distance(name, word) <= 2 || word.startsWith(name));
  return close ? `did you mean \`baton ${close}\`? ` : '';
}

type Resolved =
  | { kind: 'command'; command: Command; depth: number }
  | { kind: 'text'; text: (output: Output) => string; exitCode: ExitCode };

function resolve(positionals: string[], wantsHelp: boolean, wantsVersion: boolean): Resolved {
  const [first, second] = positionals;
  if (first === undefined || (first === 'help' && second === undefined)) {
    if (wantsVersion && first === undefined)
      return { kind: 'text', text: () => CLI_VERSION, exitCode: EXIT_CODES.OK };
    const ok = wantsHelp || first === 'help';
    return {
      kind: 'text',
      text: (out) => globalHelp(COMMANDS, out.c),
      exitCode: ok ? EXIT_CODES.OK : EXIT_CODES.USAGE,
    };
  }
  if (first === 'help') {
    const found = resolve(positionals.slice(1), true, false);
    if (found.kind === 'command') {
      const command = found.command;
      return { kind: 'text', text: (out) => commandHelp(command, out.c), exitCode: EXIT_CODES.OK };
    }
    return found;
  }
  if (GROUPS.has(first)) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    const command = group.find((c) => c.name === `${first} ${second}`);
    if (command) return { kind: 'command', command, depth: 2 };
    if (second === undefined) {
      return {
        kind: 'text',
        text: (out) => groupHelp(first, group, out.c),
        exitCode: wantsHelp ? EXIT_CODES.OK : EXIT_CODES.USAGE,
      };
    }
    const names = group.map((c) => c.name.split(' ')[1]).join(', ');
    throw new UsageError(`unknown subcommand '${first} ${second}'`, `one of: ${names}`);
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command)
    throw new UsageError(`unknown command '${first}'`, `${suggest(first)}see \`baton --help\``);
  return { kind: 'command', command, depth: 1 };
}

/** A usage error without a hint gets "see `baton <command> --help`". */
function withHelpHint(error: unknown, commandName: string | undefined): unknown {
  if (!(error instanceof UsageError) || error.hint) return error;
  return new UsageError(
    error.message,
    `see \`baton ${commandName ?? ''} --help\``.replace('  ', ' '),
  );
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Aborts the running command (Ctrl-C): streams close, the console stops. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs one `baton` command line and resolves to its exit code; never throws. Everything is
 * written to `io.stdout` / `io.stderr`.
 * @example
 * const code = await runCli(['card', 'http://127.0.0.1:4000', '--json'], {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env,
 * });
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions = {},
): Promise<ExitCode> {
  let out = new Output(io, {
    json: argv.includes('--json'),
    noColour: argv.includes('--no-color'),
  });
  const signal = options.signal ?? new AbortController().signal;
  let context: CommandContext | undefined;
  let commandName: string | undefined;
  try {
    const positionals = peekPositionals(argv, ALL_OPTIONS);
    const resolved = resolve(
      positionals,
      argv.includes('--help') || argv.includes('-h'),
      argv.includes('--version'),
    );
    if (resolved.kind === 'text') {
      const text = resolved.text(out);
      if (resolved.exitCode === EXIT_CODES.OK) io.stdout.write(`${text}\n`);
      else io.stderr.write(`${text}\n`);
      return resolved.exitCode;
    }
    const { command, depth } = resolved;
    commandName = command.name;
    const parsed = parseCommandLine(
      argv,
      { ...GLOBAL_OPTIONS, ...command.options },
      `see \`baton ${command.name} --help\``,
    );
    if (parsed.values.help === true) {
      io.stdout.write(`${commandHelp(command, out.c)}\n`);
      return EXIT_CODES.OK;
    }
    const settings = readGlobalSettings(parsed.values, io.env);
    out = new Output(io, { json: settings.json, noColour: parsed.values['no-color'] === true });
    context = {
      args: parsed.positionals.slice(depth),
      values: parsed.values,
      settings,
      out,
      io,
      signal,
      errorContext: {
        timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        forcedInterface: settings.binding !== undefined || settings.protocol !== undefined,
      },
    };
    return await command.run(context);
  } catch (error) {
    const failure = explainError(withHelpHint(error, commandName), context?.errorContext);
    out.error(failure);
    return failure.exitCode;
  } finally {
    out.spinner.stop();
  }
}
