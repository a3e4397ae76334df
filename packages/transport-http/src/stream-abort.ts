/**
 * The abort of a streaming call: aborted when the client goes away or the stream ends early. Its
 * `AbortController` (several µs and over 1 KB each on Node 20) is made only when the handler
 * reads the signal: Baton's reads it once a stream outlives its first turn of the event loop, and
 * the SSE writers close a stream through its iterator's `return()` anyway.
 */
export class StreamAbort {
  #controller: AbortController | undefined;
  #aborted = false;
  /** Without an SSE host, the request's signal reports the client going away (linked on read). */
  readonly #request: Request | undefined;

  constructor(request?: Request) {
    this.#request = request;
  }

  /** The call's signal, made now if it does not exist yet (aborted if the call is over). */
  get signal(): AbortSignal {
    let controller = this.#controller;
    if (controller) return controller.signal;
    controller = this.#controller = new AbortController();
    const request = this.#request;
    if (this.#aborted || request?.signal.aborted) controller.abort();
    else request?.signal.addEventListener('abort', () => this.abort(), { once: true });
    return controller.signal;
  }

  /** Aborts the signal if anything has read it (and the one read later). */
  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#controller?.abort();
  }
}
