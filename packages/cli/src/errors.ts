import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/** A wrong command line: exit code 1, with a hint such as "see `baton send --help`". */
export class UsageError extends Error {
  /** What to do next. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** A failure the CLI already explained: a message, what to do next, and the exit code. */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: ExitCode;
  /** What to do next. */
  readonly hint: string | undefined;
  /** Machine-readable kind for `--json` error output (`a2a`, `network`, `usage` …). */
  readonly kind: string;
  /** Extra fields for `--json` error output (A2A code and reason, HTTP status). */
  readonly details: Record<string, unknown>;

  constructor(
    exitCode: ExitCode,
    message: string,
    options: {
      hint?: string;
      kind?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.kind = options.kind ?? 'error';
    this.details = options.details ?? {};
  }
}

/** A usage error as a {@link CliError}. */
export function usageFailure(error: UsageError): CliError {
  return new CliError(EXIT_CODES.USAGE, error.message, {
    hint: error.hint,
    kind: 'usage',
    cause: error,
  });
}
