/**
 * Who is calling: the identity an authenticator derived from the request. Every operation is
 * scoped to what this caller may see.
 */
export interface Caller {
  /** Stable identity; tasks are owned by it. The anonymous caller's id is `''`. */
  id: string;
  /** Free-form claims (scopes, roles, token fields) for the agent's own checks. */
  claims?: Readonly<Record<string, unknown>> | undefined;
}

/** The caller of an agent that authenticates nobody: everyone shares one owner. */
export const ANONYMOUS_CALLER: Caller = Object.freeze({ id: '' });

/** What an authenticator sees of a request, on any binding. */
export interface AuthenticationRequest {
  /** The request headers (HTTP headers, or the WebSocket upgrade headers). */
  headers: Headers;
  /** The request URL, for token query parameters. */
  url?: string | undefined;
}

/**
 * Turns a request into a caller, or throws `UnauthenticatedError` (401) / `PermissionDeniedError`
 * (403). Called once per HTTP request and once per WebSocket connection.
 */
export type Authenticator = (request: AuthenticationRequest) => Caller | Promise<Caller>;
