/** A stream the CLI writes to: `process.stdout` / `process.stderr`, or a test double. */
export interface OutputStream {
  write(text: string): unknown;
  /** Whether it is a terminal (colour, spinner). */
  isTTY?: boolean | undefined;
  /** Terminal width in columns, when it is one. */
  columns?: number | undefined;
}

/** What the CLI runs against: its streams, environment and stdin. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment variables (`BATON_URL`, `BATON_API_KEY`, `BATON_TOKEN`, `NO_COLOR` …). */
  env: Record<string, string | undefined>;
  /** Reads all of standard input (for `baton send <url> -`). */
  readStdin?: (() => Promise<string>) | undefined;
  /** Working directory that relative `--file` paths are read from. @default process.cwd() */
  cwd?: string | undefined;
}
