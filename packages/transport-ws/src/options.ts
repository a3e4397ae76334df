import { type ErrorMappingVariant, type ProtocolVersion } from '@baton/protocol';
import { type Authenticator, type Logger } from '@baton/server';

/** Options of {@link createA2AWebSocketServer}: limits and policies of every connection. */
export interface A2AWebSocketServerOptions {
  /**
   * JSON-RPC dialects served; a call in another one is answered -32009 (VersionNotSupported).
   * @default ['1.0', '0.3']
   */
  protocolVersions?: readonly ProtocolVersion[] | undefined;
  /**
   * Turns the upgrade request (headers, URL) into the caller of every call on the socket, or
   * throws `UnauthenticatedError` / `PermissionDeniedError` (the upgrade is refused with 401 /
   * 403). The same authenticator as the HTTP binding.
   * @default every caller is anonymous
   */
  authenticator?: Authenticator | undefined;
  /**
   * Query parameter that may carry a bearer token, for clients that cannot set upgrade headers
   * (browsers): without an `Authorization` header, `?token=abc` reaches the authenticator as
   * `Authorization: Bearer abc`. `false` turns this off.
   * @default 'token'
   */
  tokenQueryParam?: string | false | undefined;
  /**
   * Largest frame in bytes; a larger one closes the socket with 1009.
   * @default 1048576 (1 MiB, the HTTP binding's body limit)
   */
  maxMessageBytes?: number | undefined;
  /**
   * Unary calls in flight per socket; one more is answered -32050 (TOO_MANY_CALLS).
   * @default 64
   */
  maxConcurrentCalls?: number | undefined;
  /**
   * Open streams per socket; one more is answered -32050 (TOO_MANY_CALLS).
   * @default 128
   */
  maxConcurrentStreams?: number | undefined;
  /**
   * Send-buffer size (`bufferedAmount`) above which streams stop reading events until it drains
   * below half of it. Unary answers are always sent.
   * @default 1048576 (1 MiB)
   */
  highWaterMark?: number | undefined;
  /**
   * Send-buffer size at which the peer counts as not reading: the socket is closed with 1008
   * and all its calls canceled.
   * @default 8388608 (8 MiB)
   */
  maxBufferedBytes?: number | undefined;
  /**
   * How often a paused stream checks whether the send buffer drained, in ms.
   * @default 10
   */
  drainPollMs?: number | undefined;
  /**
   * Which published 1.0 error mapping errors follow (only their HTTP/gRPC statuses differ).
   * @default '1.0.0'
   */
  errorMapping?: ErrorMappingVariant | undefined;
  /** Where unexpected errors are reported. @default consoleLogger */
  logger?: Logger | undefined;
}

/** {@link A2AWebSocketServerOptions} with every default applied. */
export interface ResolvedServerOptions {
  protocolVersions: readonly ProtocolVersion[];
  authenticator: Authenticator | undefined;
  tokenQueryParam: string | false;
  maxMessageBytes: number;
  maxConcurrentCalls: number;
  maxConcurrentStreams: number;
  highWaterMark: number;
  maxBufferedBytes: number;
  drainPollMs: number;
  errorMapping: ErrorMappingVariant | undefined;
  logger: Logger | undefined;
}

/** The default limits of every connection. */
export const DEFAULT_WS_LIMITS = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  maxConcurrentCalls: 64,
  maxConcurrentStreams: 128,
  highWaterMark: 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  drainPollMs: 10,
});

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

/** Applies the defaults and checks the values; throws `TypeError` on a bad option. */
export function resolveServerOptions(
  options: A2AWebSocketServerOptions = {},
): ResolvedServerOptions {
  const protocolVersions = [...new Set(options.protocolVersions ?? (['1.0', '0.3'] as const))];
  if (protocolVersions.length === 0) throw new TypeError('protocolVersions must not be empty');
  const d = DEFAULT_WS_LIMITS;
  const highWaterMark = positive(options.highWaterMark, d.highWaterMark, 'highWaterMark');
  const maxBufferedBytes = positive(
    options.maxBufferedBytes,
    d.maxBufferedBytes,
    'maxBufferedBytes',
  );
  if (maxBufferedBytes < highWaterMark) {
    throw new TypeError('maxBufferedBytes must not be smaller than highWaterMark');
  }
  return {
    protocolVersions,
    authenticator: options.authenticator,
    tokenQueryParam: options.tokenQueryParam ?? 'token',
    maxMessageBytes: positive(options.maxMessageBytes, d.maxMessageBytes, 'maxMessageBytes'),
    maxConcurrentCalls: positive(
      options.maxConcurrentCalls,
      d.maxConcurrentCalls,
      'maxConcurrentCalls',
    ),
    maxConcurrentStreams: positive(
      options.maxConcurrentStreams,
      d.maxConcurrentStreams,
      'maxConcurrentStreams',
    ),
    highWaterMark,
    maxBufferedBytes,
    drainPollMs: positive(options.drainPollMs, d.drainPollMs, 'drainPollMs'),
    errorMapping: options.errorMapping,
    logger: options.logger,
  };
}
