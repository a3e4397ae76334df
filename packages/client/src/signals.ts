import { A2AClientError } from './errors.js';

/** A signal that fires when the caller aborts or the time runs out, and why. */
export interface CallSignal {
  signal: AbortSignal;
  /** Aborts now with the given reason (closing whatever the signal guards). */
  abort(reason: unknown): void;
  /** Stops the timer only: the caller's signal still aborts (a stream that opened in time). */
  stopTimer(): void;
  /** Stops the timer and unlinks the caller's signal; call it when the call is over. */
  dispose(): void;
}

/**
 * Combines the caller's signal and a timeout into one signal whose reason is an
 * {@link A2AClientError} (`ABORTED` or `TIMEOUT`). Written by hand because `AbortSignal.any`
 * is missing from some runtimes.
 */
export function callSignal(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): CallSignal {
  const controller = new AbortController();
  const onAbort = () =>
    controller.abort(
      new A2AClientError('ABORTED', 'The call was aborted', { cause: signal?.reason }),
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  if (timeoutMs !== undefined && timeoutMs > 0 && !controller.signal.aborted) {
    timer = setTimeout(
      () =>
        controller.abort(new A2AClientError('TIMEOUT', `The call timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  }
  return {
    signal: controller.signal,
    abort(reason) {
      controller.abort(reason);
    },
    stopTimer() {
      if (timer !== undefined) clearTimeout(timer);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Links a child controller to a parent signal; returns the unlink function. */
export function linkSignal(parent: AbortSignal, child: AbortController): () => void {
  const onAbort = () => child.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}

/** The error to throw for a failure while `signal` may have fired: its reason wins. */
export function failureFor(signal: AbortSignal, error: unknown, what: string): A2AClientError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (A2AClientError.isInstance(reason)) return reason;
    return new A2AClientError('ABORTED', 'The call was aborted', { cause: reason });
  }
  if (A2AClientError.isInstance(error)) return error;
  return new A2AClientError('NETWORK_ERROR', `${what}: ${describe(error)}`, { cause: error });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Waits `ms`, or rejects as soon as `signal` fires. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(failureFor(signal, undefined, 'aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(failureFor(signal, undefined, 'aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
