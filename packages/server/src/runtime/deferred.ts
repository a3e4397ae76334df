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

/**
 * A {@link Deferred} whose promise is made only when first read: for moments most runs settle
 * without anybody waiting for them.
 */
class LazyDeferred<T> implements Deferred<T> {
  #inner: DeferredPromise<T> | undefined;
  #outcome: { ok: true; value: T } | { ok: false; reason: unknown } | undefined;

  get promise(): Promise<T> {
    if (!this.#inner) {
      const inner = (this.#inner = new DeferredPromise<T>());
      const outcome = this.#outcome;
      if (outcome?.ok === true) inner.resolve(outcome.value);
      else if (outcome) inner.reject(outcome.reason);
    }
    return this.#inner.promise;
  }

  get settled(): boolean {
    return this.#outcome !== undefined;
  }

  resolve(value: T): void {
    if (this.#outcome) return;
    this.#outcome = { ok: true, value };
    this.#inner?.resolve(value);
  }

  reject(reason: unknown): void {
    if (this.#outcome) return;
    this.#outcome = { ok: false, reason };
    this.#inner?.reject(reason);
  }
}

/** Creates a {@link Deferred} that makes its promise on first read. */
export function lazyDeferred<T>(): Deferred<T> {
  return new LazyDeferred<T>();
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
