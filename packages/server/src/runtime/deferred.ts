/** A promise with its resolve and reject functions, and whether it settled. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
  readonly settled: boolean;
}

const noop = () => {};

/** A class, so instances share their methods instead of carrying closures. */
class DeferredPromise<T> implements Deferred<T> {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  #settled = false;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  get settled(): boolean {
    return this.#settled;
  }

  resolve(value: T): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(value);
  }

  reject(reason: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    // Handled before it rejects: a rejection nobody awaits is never reported as unhandled.
    this.promise.catch(noop);
    this.#reject(reason);
  }
}

/** Creates a {@link Deferred}; its promise never causes an unhandled-rejection report. */
export function deferred<T>(): Deferred<T> {
  return new DeferredPromise<T>();
}

/** Resolves after `ms` milliseconds, or at once when `signal` aborts; clears its timer either way. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
