import { type A2AError, toA2AError } from '@baton/protocol';
import { ANONYMOUS_CALLER, type Authenticator, type Caller } from '@baton/server';

/** What the server needs of an upgrade request: its headers and URL (any runtime has both). */
export interface HandshakeRequest {
  headers: Headers;
  /** The absolute request URL, for query parameters (`A2A-Version`, `token`). */
  url: string;
}

/** What a connection keeps from its upgrade request; every call on the socket uses it. */
export interface ConnectionInit {
  /** The authenticated caller of every call on the socket. */
  caller: Caller;
  /** `A2A-Version` as asked (header, else query parameter); undefined means none (0.3). */
  version: string | undefined;
  /** `A2A-Extensions` / `X-A2A-Extensions` (header or query parameter), split. */
  requestedExtensions: readonly string[];
}

function queryParam(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === wanted && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function serviceParameter(request: HandshakeRequest, url: URL, name: string): string | undefined {
  const header = request.headers.get(name);
  if (header !== null && header.trim() !== '') return header.trim();
  return queryParam(url, name);
}

/** Splits a comma-separated `A2A-Extensions` value into unique URIs. */
export function splitExtensions(...values: (string | undefined)[]): string[] {
  const uris = new Set<string>();
  for (const value of values) {
    for (const uri of (value ?? '').split(',')) if (uri.trim() !== '') uris.add(uri.trim());
  }
  return [...uris];
}

/**
 * Reads an upgrade request: service parameters from headers or query parameters (browsers
 * cannot set headers on a WebSocket), and the caller from the authenticator, which sees a
 * `?token=` as `Authorization: Bearer` when no such header was sent. Throws the authenticator's
 * error (`UnauthenticatedError`, `PermissionDeniedError`): refuse the upgrade with
 * {@link handshakeRefusal}.
 */
export async function readHandshake(
  request: HandshakeRequest,
  authenticator: Authenticator | undefined,
  tokenQueryParam: string | false = 'token',
): Promise<ConnectionInit> {
  const url = new URL(request.url);
  const version = serviceParameter(request, url, 'a2a-version');
  const requestedExtensions = splitExtensions(
    serviceParameter(request, url, 'a2a-extensions'),
    serviceParameter(request, url, 'x-a2a-extensions'),
  );
  let caller: Caller = ANONYMOUS_CALLER;
  if (authenticator) {
    let headers = request.headers;
    const token = tokenQueryParam === false ? undefined : queryParam(url, tokenQueryParam);
    if (token !== undefined && !headers.has('authorization')) {
      headers = new Headers(headers);
      headers.set('authorization', `Bearer ${token}`);
    }
    caller = await authenticator({ headers, url: request.url });
  }
  return { caller, version, requestedExtensions };
}

/** The HTTP answer that refuses an upgrade: the error's status and its AIP-193 JSON body. */
export interface HandshakeRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
  error: A2AError;
}

/**
 * How to refuse an upgrade after {@link readHandshake} threw: 401 for `UnauthenticatedError`,
 * 403 for `PermissionDeniedError`, 500 for anything unexpected (without its message).
 */
export function handshakeRefusal(thrown: unknown): HandshakeRefusal {
  const error = toA2AError(thrown);
  const { status, body } = error.toRestError();
  const safe =
    status >= 500 ? { error: { code: 500, status: 'INTERNAL', message: 'Internal error' } } : body;
  return {
    status,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(safe),
    error,
  };
}
