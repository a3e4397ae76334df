import { parseArgs } from 'node:util';

import { UsageError } from './errors.js';

/** One command-line option, as `node:util` `parseArgs` takes it plus help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder of the value in help (`<url>`). */
  value?: string;
  /** One line of help. */
  description: string;
}

/** A table of options by long name. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Parsed option values by long name. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', description: 'Print JSON: one document, or NDJSON for streams' },
  binding: {
    type: 'string',
    value: 'jsonrpc|rest|ws',
    description: "Binding to use (default: the card's first one that the CLI speaks)",
  },
  protocol: {
    type: 'string',
    value: '1.0|0.3',
    description: 'A2A protocol version to speak (default: 1.0 when offered, else 0.3)',
  },
  header: {
    type: 'string',
    short: 'H',
    multiple: true,
    value: "'Name: value'",
    description: 'Send this HTTP header with every request (repeatable)',
  },
  'api-key': {
    type: 'string',
    value: '<key>',
    description: 'API key, sent where the card says (else X-API-Key); BATON_API_KEY',
  },
  bearer: {
    type: 'string',
    value: '<token>',
    description: 'Bearer token (Authorization: Bearer …); env BATON_TOKEN',
  },
  timeout: {
    type: 'string',
    value: '<duration>',
    description: 'Per-request limit: 10s, 2m, 0 = none (30s; blocking send: none)',
  },
  verbose: {
    type: 'boolean',
    description: 'Log every request (operation, URL, status, time) to stderr',
  },
  'no-color': { type: 'boolean', description: 'No colours (also NO_COLOR=1, or when not a TTY)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', description: 'Print the version' },
} as const satisfies OptionTable;

/** The result of parsing a command line for one command. */
export interface ParsedArgs {
  positionals: string[];
  values: OptionValues;
}

function toParseArgsOptions(table: OptionTable) {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}

/**
 * The positionals of a command line whose options are not known yet (the command is the first
 * one), reading every option any command takes so their values are not mistaken for positionals.
 */
export function peekPositionals(argv: readonly string[], allOptions: OptionTable): string[] {
  const { positionals } = parseArgs({
    args: [...argv],
    options: toParseArgsOptions(allOptions),
    strict: false,
    allowPositionals: true,
  });
  return positionals;
}

/**
 * Parses a command line strictly against the given options.
 * @throws UsageError on an unknown option, a missing value or a value given to a flag
 */
export function parseCommandLine(
  argv: readonly string[],
  options: OptionTable,
  helpHint: string,
): ParsedArgs {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      options: toParseArgsOptions(options),
      strict: true,
      allowPositionals: true,
    });
    return { positionals, values: values as OptionValues };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''), helpHint);
  }
}

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values. */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** A positive integer option's value. @throws UsageError */
export function integerOption(
  values: OptionValues,
  name: string,
  { min = 0 }: { min?: number } = {},
): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(
      `--${name} wants a whole number${min > 0 ? ` ≥ ${min}` : ''}, got '${raw}'`,
    );
  }
  return value;
}
