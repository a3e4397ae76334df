import { type Colours, createColours, shouldColour } from './colour.js';
import { type CliError } from './errors.js';
import { type CliIo } from './io.js';
import { Spinner } from './spinner.js';

/**
 * Everything a command prints goes through here: results on stdout (readable or JSON), notes,
 * the spinner and errors on stderr. Keeps track of a half-written line so streamed text and
 * later lines do not run together.
 */
export class Output {
  /** Print JSON instead of readable text. */
  readonly json: boolean;
  /** Colours for stdout. */
  readonly c: Colours;
  /** Colours for stderr. */
  readonly ce: Colours;
  /** The spinner on stderr; it only shows on a TTY. */
  readonly spinner: Spinner;
  readonly #io: CliIo;
  #lineOpen = false;

  constructor(io: CliIo, options: { json: boolean; noColour: boolean }) {
    this.#io = io;
    this.json = options.json;
    const colourOk = (isTTY: boolean) => !options.noColour && shouldColour(io.env, isTTY);
    this.c = createColours(!options.json && colourOk(io.stdout.isTTY === true));
    this.ce = createColours(colourOk(io.stderr.isTTY === true));
    this.spinner = new Spinner(io.stderr, this.ce);
  }

  /** Writes text to stdout as is (streamed artifact text); the line stays open. */
  write(text: string): void {
    if (text === '') return;
    this.spinner.around(() => this.#io.stdout.write(text));
    this.#lineOpen = !text.endsWith('\n');
  }

  /** Writes whole lines to stdout, ending a half-written line first. */
  line(...lines: string[]): void {
    const text = lines.join('\n');
    this.spinner.around(() => {
      this.#io.stdout.write(`${this.#lineOpen ? '\n' : ''}${text}\n`);
    });
    this.#lineOpen = false;
  }

  /** Ends a half-written line, if any. */
  endLine(): void {
    if (this.#lineOpen) this.line();
  }

  /** Prints one JSON document (pretty). */
  document(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  /** Prints one NDJSON line. */
  ndjson(value: unknown): void {
    this.line(JSON.stringify(value));
  }

  /** A note on stderr for people (skipped with `--json`): what happened, what to do next. */
  note(text: string): void {
    if (this.json) return;
    this.endLine();
    this.spinner.around(() => this.#io.stderr.write(`${text}\n`));
  }

  /** A diagnostic line on stderr, shown even with `--json` (`--verbose` request logs). */
  log(text: string): void {
    this.spinner.around(() => this.#io.stderr.write(`${text}\n`));
  }

  /** Prints an error on stderr: readable with its hint, or as a JSON object with `--json`. */
  error(error: CliError): void {
    this.spinner.stop();
    this.endLine();
    if (this.json) {
      const body = {
        error: {
          kind: error.kind,
          message: error.message,
          exitCode: error.exitCode,
          ...error.details,
          ...(error.hint ? { hint: error.hint } : {}),
        },
      };
      this.#io.stderr.write(`${JSON.stringify(body)}\n`);
      return;
    }
    this.#io.stderr.write(`${this.ce('error:', 'red', 'bold')} ${error.message}\n`);
    if (error.hint) this.#io.stderr.write(`${this.ce('hint:', 'dim')} ${error.hint}\n`);
  }
}
