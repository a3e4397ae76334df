import { A2AClientError } from './errors.js';

/** When and how often to retry an idempotent call. */
export interface RetryOptions {
  /** Tries in all, the first included. @default 3 */
  maxAttempts?: number | undefined;
  /** Delay before the first retry; doubles each time, with jitter. @default 250 */
  initialDelayMs?: number | undefined;
  /** Upper bound of one delay (also caps `Retry-After`). @default 5000 */
  maxDelayMs?: number | undefined;
}

/** The retry policy used when none is given. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 3,
  initialDelayMs: 250,
  maxDelayMs: 5000,
};

/** Fills a retry policy from options; `false` means one attempt only. */
export function retryPolicy(options: RetryOptions | false | undefined): Required<RetryOptions> {
  if (options === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  return {
    maxAttempts: Math.max(1, options?.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
    initialDelayMs: options?.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    maxDelayMs: options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
}

/** Whether an HTTP status is worth retrying: overload (429) or a server-side failure (5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Whether a thrown error is worth retrying: the connection failed, nothing else. */
export function isRetryableError(error: unknown): boolean {
  return A2AClientError.isInstance(error, 'NETWORK_ERROR');
}

/**
 * The wait before retry number `retry` (1-based): exponential with full jitter, or the server's
 * `Retry-After` (seconds or HTTP date) when it gives one, capped at `maxDelayMs`.
 */
export function backoffDelay(
  policy: Required<RetryOptions>,
  retry: number,
  retryAfter?: string | null,
): number {
  const fromHeader = parseRetryAfter(retryAfter);
  if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
