import { type StreamResponse } from '@baton/protocol';

import { type StoredPushConfig } from '../push-config-store.js';
import { assertWebhookUrlAllowed } from './url-guard.js';

/** Where the sender reports deliveries that failed for good; `Logger` fits. */
export interface PushLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link PushNotificationSender}. */
export interface PushNotificationSenderOptions {
  /**
   * The fetch that makes the webhook calls.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /**
   * How long one attempt may take, from the request to the response headers.
   * @default 10_000
   */
  timeoutMs?: number | undefined;
  /**
   * Attempts per notification. Network errors, time-outs, 5xx and 429 answers are retried;
   * other answers are final.
   * @default 3
   */
  maxAttempts?: number | undefined;
  /**
   * The pause before the first retry; it doubles before each further one (500, 1000, 2000 …).
   * @default 500
   */
  retryDelayMs?: number | undefined;
  /**
   * Deliver to loopback, private and link-local addresses too (see `assertWebhookUrlAllowed`).
   * @default false
   */
  allowPrivateUrls?: boolean | undefined;
  /**
   * Told about every notification that could not be delivered.
   * @default no logging
   */
  logger?: PushLogger | undefined;
}

/** What became of one notification. */
export interface PushDeliveryResult {
  /** Whether the receiver answered with a 2xx status. */
  ok: boolean;
  /** HTTP requests made; 0 when the URL was refused before any. */
  attempts: number;
  /** The HTTP status of the last answer, when there was one. */
  status?: number | undefined;
  /** Why delivery failed, when it did. */
  error?: string | undefined;
}

/** Per-call options of {@link PushNotificationSender.send}. */
export interface PushSendOptions {
  /** Stops retrying and aborts the request in flight (server shutdown). */
  signal?: AbortSignal | undefined;
}

interface AttemptResult {
  ok: boolean;
  status?: number;
  error?: string;
  retryable: boolean;
}

/**
 * Delivers push notifications (A2A §9): one HTTP POST of a `StreamResponse` as JSON per
 * notification, with `Authorization: <scheme> <credentials>` from the config's `authentication`
 * and `X-A2A-Notification-Token` from its `token`. `send` never throws: a failure becomes the
 * result (and a logger warning). Each attempt is bounded by `timeoutMs`, so one call ends within
 * `maxAttempts × timeoutMs` plus the back-off pauses. Redirects are not followed, so a public URL
 * cannot bounce the request to a private address.
 * @example
 * const sender = new PushNotificationSender({ logger: consoleLogger });
 * void sender.send(config, { statusUpdate }); // fire and forget; the result is never a rejection
 */
export class PushNotificationSender {
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #retryDelayMs: number;
  readonly #allowPrivateUrls: boolean;
  readonly #logger: PushLogger | undefined;

  constructor(options: PushNotificationSenderOptions = {}) {
    // Looked up per call, and called unbound: some runtimes reject a fetch bound to another `this`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = Math.max(1, options.timeoutMs ?? 10_000);
    this.#maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.#retryDelayMs = Math.max(0, options.retryDelayMs ?? 500);
    this.#allowPrivateUrls = options.allowPrivateUrls ?? false;
    this.#logger = options.logger;
  }

  /** POSTs `payload` to the config's webhook, retrying as configured. Never rejects. */
  async send(
    config: StoredPushConfig,
    payload: StreamResponse,
    options: PushSendOptions = {},
  ): Promise<PushDeliveryResult> {
    let result: PushDeliveryResult;
    try {
      result = await this.#deliver(config, payload, options.signal);
    } catch (error) {
      result = { ok: false, attempts: 0, error: describe(error) };
    }
    if (!result.ok) this.#warn(config, result);
    return result;
  }

  async #deliver(
    config: StoredPushConfig,
    payload: StreamResponse,
    signal: AbortSignal | undefined,
  ): Promise<PushDeliveryResult> {
    assertWebhookUrlAllowed(config.url, { allowPrivateUrls: this.#allowPrivateUrls });
    const body = JSON.stringify(payload);
    const headers = notificationHeaders(config);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(config.url, headers, body, signal);
      const result = {
        ok: outcome.ok,
        attempts: attempt,
        status: outcome.status,
        error: outcome.error,
      };
      if (outcome.ok || !outcome.retryable || attempt >= this.#maxAttempts || signal?.aborted) {
        return result;
      }
      await sleep(this.#retryDelayMs * 2 ** (attempt - 1), signal);
    }
  }

  async #attempt(
    url: string,
    headers: Headers,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    if (signal?.aborted) return { ok: false, error: 'aborted', retryable: false };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const fetchFn = this.#fetch;
      const response = await fetchFn(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      // The answer's body is of no interest; release the connection.
      response.body?.cancel().catch(() => {});
      if (response.ok) return { ok: true, status: response.status, retryable: false };
      const { status } = response;
      return {
        ok: false,
        status,
        error:
          status === 0 || (status >= 300 && status < 400)
            ? 'redirects are not followed'
            : `HTTP ${status}`,
        retryable: status >= 500 || status === 429,
      };
    } catch (error) {
      if (timedOut)
        return { ok: false, error: `timed out after ${this.#timeoutMs} ms`, retryable: true };
      if (signal?.aborted) return { ok: false, error: 'aborted', retryable: false };
      return { ok: false, error: describe(error), retryable: true };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  #warn(config: StoredPushConfig, result: PushDeliveryResult): void {
    try {
      this.#logger?.warn('push notification not delivered', {
        taskId: config.taskId,
        configId: config.id,
        url: redact(config.url),
        attempts: result.attempts,
        status: result.status,
        error: result.error,
      });
    } catch {
      // A broken logger must not turn a delivery result into a rejection.
    }
  }
}

/** The headers of a notification request. */
function notificationHeaders(config: StoredPushConfig): Headers {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  const { authentication, token } = config;
  if (authentication) {
    const { scheme, credentials } = authentication;
    headers.set('Authorization', credentials ? `${scheme} ${credentials}` : scheme);
  }
  if (token) headers.set('X-A2A-Notification-Token', token);
  return headers;
}

/** The URL without credentials, query or fragment, which may carry secrets. */
function redact(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(invalid url)';
  }
}

/** An error's message, with its cause's (fetch puts the socket error there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? `${error.message} (${cause})` : error.message;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
