/**
 * Callbacks to run once when the handler shuts down. A set rather than listeners on one shared
 * `AbortSignal`: every blocking SendMessage waits on shutdown, and Node reports more than ten
 * listeners on one signal as a leak (`MaxListenersExceededWarning`).
 */
export class ShutdownHooks {
  readonly #hooks = new Set<() => void>();
  #fired = false;

  /** Whether shutdown happened. */
  get fired(): boolean {
    return this.#fired;
  }

  /** Runs `hook` at shutdown (at once if it already happened); returns its removal. */
  add(hook: () => void): () => void {
    if (this.#fired) {
      hook();
      return () => {};
    }
    this.#hooks.add(hook);
    return () => this.#hooks.delete(hook);
  }

  /** Runs every hook once. */
  fire(): void {
    this.#fired = true;
    const hooks = [...this.#hooks];
    this.#hooks.clear();
    for (const hook of hooks) hook();
  }
}
