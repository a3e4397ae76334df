import { type Colours } from './colour.js';
import { type OutputStream } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A one-line spinner on stderr while the CLI waits. Only on a TTY: elsewhere every method is a
 * no-op, so logs and pipes stay clean.
 */
export class Spinner {
  readonly #stream: OutputStream;
  readonly #colours: Colours;
  readonly #enabled: boolean;
  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  #text = '';

  constructor(stream: OutputStream, colours: Colours, enabled = stream.isTTY === true) {
    this.#stream = stream;
    this.#colours = colours;
    this.#enabled = enabled;
  }

  /** Shows the spinner with this text (or changes the text of a running one). */
  start(text: string): void {
    this.#text = text;
    if (!this.#enabled) return;
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#draw(), 80);
      this.#timer.unref?.();
    }
    this.#draw();
  }

  /** Removes the spinner line; `start` brings it back. */
  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stream.write('\r\u001b[2K');
  }

  /** Runs `write` with the spinner line cleared, then redraws it. */
  around(write: () => void): void {
    const running = this.#timer !== undefined;
    this.stop();
    write();
    if (running) this.start(this.#text);
  }

  #draw(): void {
    const frame = FRAMES[this.#frame++ % FRAMES.length]!;
    const width = Math.max(10, (this.#stream.columns ?? 80) - 4);
    const text = this.#text.length > width ? `${this.#text.slice(0, width - 1)}…` : this.#text;
    this.#stream.write(`\r\u001b[2K${this.#colours(frame, 'cyan')} ${this.#colours(text, 'dim')}`);
  }
}
