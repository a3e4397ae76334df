import { A2AClientError } from '@baton/client';

/** The error a call fails with when its signal fired: the signal's reason when it is one. */
export function abortError(signal: AbortSignal): A2AClientError {
  const reason: unknown = signal.reason;
  if (A2AClientError.isInstance(reason)) return reason;
  return new A2AClientError('ABORTED', 'The call was aborted', { cause: reason });
}

/** The error of calls cut off by a dropped connection. */
export function droppedError(why: string): A2AClientError {
  return new A2AClientError('NETWORK_ERROR', `The WebSocket connection was lost: ${why}`);
}

/** The error that ends a stream whose consumer left `max` events unread. */
export function fellBehindError(max: number): A2AClientError {
  return new A2AClientError(
    'NETWORK_ERROR',
    `The stream was stopped: its reader fell ${max} events behind (maxBufferedEvents); read faster or resume after the last event read`,
  );
}

/** The server refused the upgrade with this HTTP status (only `ws` reports it). */
export class UpgradeRefused extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`The WebSocket upgrade was refused with HTTP ${status}`);
    this.status = status;
  }
}

/** The HTTP status of a refused upgrade, read from `ws`'s error message. */
export function refusedStatus(event: unknown): number | undefined {
  const error = event as { message?: unknown; error?: { message?: unknown } } | undefined;
  const message = [error?.message, error?.error?.message].find((m) => typeof m === 'string');
  const match = /Unexpected server response: (\d{3})/.exec(String(message ?? ''));
  return match ? Number(match[1]) : undefined;
}
