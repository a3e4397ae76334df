import { type ErrorMappingVariant, type ProtocolVersion } from '@baton/protocol';
import { type Authenticator } from '@baton/server';

/** The protocol versions the HTTP+JSON (REST) binding can serve: 1.0 only (0.3 REST is not served). */
export type RestProtocolVersion = '1.0';

/** Which bindings the app serves, and in which protocol versions. An empty list turns one off. */
export interface A2AHonoBindings {
  /**
   * JSON-RPC versions served on {@link A2AHonoOptions.jsonRpcPath}; both dialects share the URL.
   * @default ['1.0', '0.3']
   */
  jsonRpc?: readonly ProtocolVersion[];
  /**
   * HTTP+JSON (REST) versions served under {@link A2AHonoOptions.restPath}.
   * @default ['1.0']
   */
  rest?: readonly RestProtocolVersion[];
}

/** Options of {@link createA2AHono}. */
export interface A2AHonoOptions {
  /**
   * The public base URL the agent card advertises (`https://agent.example.com`). Set it behind a
   * proxy or when the app is mounted under a prefix.
   * @default the origin of each card request
   */
  baseUrl?: string;
  /**
   * Path of the JSON-RPC endpoint (POST).
   * @default '/a2a/jsonrpc'
   */
  jsonRpcPath?: string;
  /**
   * Base path of the REST routes (`{restPath}/message:send`, `{restPath}/{tenant}/tasks/{id}`…).
   * @default '/a2a/rest'
   */
  restPath?: string;
  /** Bindings and versions to serve. @default JSON-RPC 1.0 + 0.3, REST 1.0 */
  bindings?: A2AHonoBindings;
  /**
   * Turns each request's headers into a caller, or throws `UnauthenticatedError` (answered 401
   * with `WWW-Authenticate` from the card's security schemes). The public card is never
   * authenticated.
   * @default every caller is anonymous
   */
  authenticator?: Authenticator;
  /**
   * Largest request body in bytes. Larger bodies are refused with 413 (JSON-RPC -32600) from
   * `Content-Length`, or as soon as the streamed bytes pass the limit.
   * @default 1048576 (1 MiB)
   */
  bodyLimit?: number;
  /**
   * Time allowed to receive the whole request body; a slower or stalled body gets 408.
   * @default 30000
   */
  bodyTimeoutMs?: number;
  /**
   * Interval of the SSE heartbeat comment (`: heartbeat`) on open streams.
   * @default 15000
   */
  heartbeatMs?: number;
  /**
   * Which published HTTP status table the REST binding follows (A2A.md §11.2): `'1.0.0'` (409,
   * 415, 502) is what the A2A TCK checks; `'1.0.1'` moves those to 400, 400, 500.
   * @default '1.0.0'
   */
  errorStatusVariant?: ErrorMappingVariant;
  /**
   * `Cache-Control: max-age` of the public agent card, in seconds.
   * @default 300
   */
  cardMaxAge?: number;
}

/** {@link A2AHonoOptions} with every default applied. */
export interface ResolvedA2AHonoOptions {
  baseUrl: string | undefined;
  jsonRpcPath: string;
  restPath: string;
  jsonRpcVersions: readonly ProtocolVersion[];
  restVersions: readonly RestProtocolVersion[];
  authenticator: Authenticator | undefined;
  bodyLimit: number;
  bodyTimeoutMs: number;
  heartbeatMs: number;
  errorStatusVariant: ErrorMappingVariant;
  cardMaxAge: number;
}

/** Default JSON-RPC endpoint path. */
export const DEFAULT_JSON_RPC_PATH = '/a2a/jsonrpc';
/** Default REST base path. */
export const DEFAULT_REST_PATH = '/a2a/rest';
/** Default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function normalizePath(path: string, name: string): string {
  if (!path.startsWith('/')) throw new TypeError(`${name} must start with "/": ${path}`);
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`${name} must be a positive number`);
  return value;
}

/** Applies the defaults and checks the values; throws `TypeError` on a bad option. */
export function resolveOptions(options: A2AHonoOptions = {}): ResolvedA2AHonoOptions {
  const jsonRpcVersions = [
    ...new Set<ProtocolVersion>(options.bindings?.jsonRpc ?? ['1.0', '0.3']),
  ];
  const restVersions = [...new Set<RestProtocolVersion>(options.bindings?.rest ?? ['1.0'])];
  if (restVersions.some((version) => version !== '1.0')) {
    throw new TypeError('the REST binding is served in protocol 1.0 only');
  }
  if (jsonRpcVersions.length === 0 && restVersions.length === 0) {
    throw new TypeError('at least one binding must be served');
  }
  const jsonRpcPath = normalizePath(options.jsonRpcPath ?? DEFAULT_JSON_RPC_PATH, 'jsonRpcPath');
  const restPath = normalizePath(options.restPath ?? DEFAULT_REST_PATH, 'restPath');
  if (restVersions.length > 0 && jsonRpcVersions.length > 0 && jsonRpcPath === restPath) {
    throw new TypeError('jsonRpcPath and restPath must differ');
  }
  return {
    baseUrl: options.baseUrl?.replace(/\/+$/, ''),
    jsonRpcPath,
    restPath,
    jsonRpcVersions,
    restVersions,
    authenticator: options.authenticator,
    bodyLimit: positive(options.bodyLimit, DEFAULT_BODY_LIMIT, 'bodyLimit'),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, 30_000, 'bodyTimeoutMs'),
    heartbeatMs: positive(options.heartbeatMs, 15_000, 'heartbeatMs'),
    errorStatusVariant: options.errorStatusVariant ?? '1.0.0',
    cardMaxAge: options.cardMaxAge ?? 300,
  };
}
