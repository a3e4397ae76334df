import { GLOBAL_OPTIONS, type OptionTable } from './args.js';
import { type Colours } from './colour.js';
import { type Command } from './command.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

const ENVIRONMENT = `Environment:
  BATON_URL       default agent URL when a command is given none
  BATON_API_KEY   API key (as --api-key)
  BATON_TOKEN     bearer token (as --bearer)
  NO_COLOR        no colours`;

/** Wraps a paragraph (each `\n` starts a new one) at `width` columns. */
function wrap(text: string, width = 98): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    return [...lines, line];
  });
}

function optionLines(options: OptionTable): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  return rows.map(([flag, text]) =>
    flag.length + 2 > width
      ? `  ${flag}\n  ${' '.repeat(width)}${text}`
      : `  ${flag.padEnd(width)}${text}`,
  );
}

/** `baton --help`: every command, the global options, environment and exit codes. */
export function globalHelp(commands: readonly Command[], c: Colours): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `${c('baton', 'bold')} — talk to any A2A agent from a terminal`,
    '',
    c('Usage:', 'bold'),
    '  baton <command> [<url>] [arguments] [options]',
    '',
    c('Commands:', 'bold'),
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    c('Global options:', 'bold'),
    ...optionLines(GLOBAL_OPTIONS),
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES_HELP,
    '',
    "Run `baton <command> --help` for a command's options and examples.",
    '',
    c('Examples:', 'bold'),
    '  baton card http://127.0.0.1:4000',
    "  baton send http://127.0.0.1:4000 'hello' --stream",
    '  baton list http://127.0.0.1:4000 --state working',
  ].join('\n');
}

/** `baton <command> --help`: usage, description, options, examples, exit codes. */
export function commandHelp(command: Command, c: Colours): string {
  const own = Object.keys(command.options).length > 0;
  return [
    `${c(`baton ${command.name}`, 'bold')} — ${command.summary}`,
    '',
    c('Usage:', 'bold'),
    ...command.usage.map((line) => `  baton ${line}`),
    ...(command.description ? ['', ...wrap(command.description)] : []),
    ...(own ? ['', c('Options:', 'bold'), ...optionLines(command.options)] : []),
    '',
    c('Global options:', 'bold'),
    ...optionLines(GLOBAL_OPTIONS),
    '',
    c('Examples:', 'bold'),
    ...command.examples.map((example) => `  $ ${example}`),
    '',
    'The <url> may be left out when BATON_URL is set.',
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

/** `baton push --help`: the four push subcommands. */
export function groupHelp(group: string, commands: readonly Command[], c: Colours): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `${c(`baton ${group}`, 'bold')} — subcommands`,
    '',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    `Run \`baton ${group} <subcommand> --help\` for details.`,
  ].join('\n');
}
