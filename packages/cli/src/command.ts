import { type OptionTable, type OptionValues } from './args.js';
import { connect, type Connection, type GlobalSettings } from './connect.js';
import { UsageError } from './errors.js';
import { type ExitCode } from './exit-codes.js';
import { type ErrorContext } from './explain.js';
import { type CliIo } from './io.js';
import { type Output } from './output.js';
import { looksLikeUrl, normalizeUrl } from './values.js';

/** What a command runs with. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Option values (global and the command's own). */
  values: OptionValues;
  settings: GlobalSettings;
  out: Output;
  io: CliIo;
  /** Fires on Ctrl-C. */
  signal: AbortSignal;
  /** Filled in as the command learns things, for error hints. */
  errorContext: ErrorContext;
}

/** One `baton` command. */
export interface Command {
  /** `send`, or `push create` for a subcommand. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line(s) without the leading `baton `. */
  usage: string[];
  /** A paragraph or two for `--help`. */
  description?: string;
  /** The command's own options. */
  options: OptionTable;
  /** Example command lines, each with an optional `# comment`. */
  examples: string[];
  /** Runs it; resolves to the exit code. */
  run(context: CommandContext): Promise<ExitCode>;
}

/**
 * Takes the agent URL off the front of the arguments: the first one when it looks like a URL
 * (`http://…`, `localhost:4000`), else `BATON_URL`.
 * @throws UsageError when there is neither
 */
export function takeAgentUrl(context: CommandContext, command: string): string {
  const first = context.args[0];
  let url: string | undefined;
  if (first !== undefined && looksLikeUrl(first)) {
    context.args.shift();
    url = normalizeUrl(first);
  } else if (context.io.env.BATON_URL) {
    url = normalizeUrl(context.io.env.BATON_URL);
  }
  if (!url) {
    throw new UsageError(
      'missing the agent URL',
      `give it first (baton ${command} http://127.0.0.1:4000 …) or set BATON_URL`,
    );
  }
  context.errorContext.url = url;
  return url;
}

/**
 * Checks the remaining positional arguments against their names (`<taskId>` required,
 * `[text]` optional) and returns them.
 * @throws UsageError on too few or too many
 */
export function takeArgs(context: CommandContext, command: string, names: string[]): string[] {
  const required = names.filter((name) => name.startsWith('<')).length;
  const { args } = context;
  const help = `see \`baton ${command} --help\``;
  if (args.length < required) {
    throw new UsageError(`missing ${names.slice(args.length, required).join(' ')}`, help);
  }
  if (args.length > names.length) {
    const extra = args
      .slice(names.length)
      .map((a) => `'${a}'`)
      .join(' ');
    throw new UsageError(
      `unexpected argument${args.length - names.length > 1 ? 's' : ''} ${extra}`,
      `${help} (quote text that has spaces)`,
    );
  }
  return args;
}

/** Connects to the agent with the global settings. */
export function connectTo(context: CommandContext, url: string): Promise<Connection> {
  return connect(url, context.settings, context.out, context.signal);
}
