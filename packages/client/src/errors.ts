const CLIENT_ERROR_BRAND: unique symbol = Symbol.for('baton.a2a-client-error');

/**
 * Why a call failed on the client side, without an A2A error from the agent:
 * - `TIMEOUT`: the call's `timeoutMs` elapsed.
 * - `ABORTED`: the caller's `AbortSignal` fired.
 * - `NETWORK_ERROR`: the request never got an HTTP response, or the connection broke.
 * - `HTTP_ERROR`: an HTTP status that carries no A2A error; see `status` and `body`.
 * - `INVALID_RESPONSE`: the agent answered with something that does not fit the operation.
 * - `NO_COMPATIBLE_INTERFACE`: the card offers no interface this client can speak.
 * - `UNSUPPORTED_OPERATION`: the chosen interface has no such operation (ListTasks over 0.3).
 * - `INVALID_CARD`: the agent card is missing or fails validation.
 * - `INVALID_SIGNATURE`: card signature verification was asked for and failed.
 */
export type A2AClientErrorCode =
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE'
  | 'NO_COMPATIBLE_INTERFACE'
  | 'UNSUPPORTED_OPERATION'
  | 'INVALID_CARD'
  | 'INVALID_SIGNATURE';

/** Options of an {@link A2AClientError}. */
export interface A2AClientErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** HTTP status, for `HTTP_ERROR` (and others when a response was seen). */
  status?: number;
  /** The response body as text, for `HTTP_ERROR` and `INVALID_RESPONSE`. */
  body?: string;
}

/**
 * A failure that happened on the client side: a timeout, an abort, a broken connection, an HTTP
 * status without an A2A error, or a response that does not fit. Local only: never serialized.
 * Test with {@link A2AClientError.isInstance}, which works across installed copies.
 * @example
 * try { await client.getTask({ id }); }
 * catch (e) { if (A2AClientError.isInstance(e) && e.code === 'TIMEOUT') retryLater(); }
 */
export class A2AClientError extends Error {
  /** What went wrong. */
  readonly code: A2AClientErrorCode;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Response body as text, when it matters (`HTTP_ERROR`, `INVALID_RESPONSE`). */
  readonly body: string | undefined;

  constructor(code: A2AClientErrorCode, message: string, options: A2AClientErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'A2AClientError';
    this.code = code;
    this.status = options.status;
    this.body = options.body;
  }

  /** Brand shared by every installed copy of the client. */
  get [CLIENT_ERROR_BRAND](): true {
    return true;
  }

  /** Whether a value is an {@link A2AClientError} (optionally with this code) from any copy. */
  static isInstance(value: unknown, code?: A2AClientErrorCode): value is A2AClientError {
    if (typeof value !== 'object' || value === null) return false;
    const branded = (value as Record<PropertyKey, unknown>)[CLIENT_ERROR_BRAND] === true;
    return branded && (code === undefined || (value as A2AClientError).code === code);
  }

  /** A JSON view for logs; deliberately not a wire format. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}
