import {
  type ErrorMappingVariant,
  type JsonRpcDialect,
  jsonRpcError,
  type JsonRpcId,
  PermissionDeniedError,
  toA2AError,
  UnauthenticatedError,
} from '@baton/protocol';

/** Headers the responses of one request carry: echoed extensions, an auth challenge. */
export type ResponseHeaders = Record<string, string>;

/** Adds the `WWW-Authenticate` challenge to the headers of a 401. */
export function withChallenge(
  headers: ResponseHeaders,
  status: number,
  challenge: string | undefined,
): ResponseHeaders {
  return status === 401 && challenge ? { ...headers, 'WWW-Authenticate': challenge } : headers;
}

/** No extra headers: shared, never written to (a `Response` copies the headers it is given). */
export const NO_HEADERS: ResponseHeaders = Object.freeze({});

const JSON_HEADERS: ResponseHeaders = Object.freeze({ 'Content-Type': 'application/json' });

/**
 * A JSON answer not yet made into a web `Response`: the hono route makes one of it, Node's direct
 * JSON-RPC route (`serveNode`) writes it to the socket as it is, without the `Response`.
 */
export class JsonReply {
  constructor(
    /** The serialized body. */
    readonly text: string,
    readonly status: number,
    /** Extra headers; `Content-Type: application/json` is added when sent. */
    readonly headers: ResponseHeaders,
  ) {}

  /** As a web `Response` with `Content-Type: application/json` (what the TCK checks). */
  toResponse(): Response {
    const headers = this.headers;
    return new Response(this.text, {
      status: this.status,
      headers: headers === NO_HEADERS ? JSON_HEADERS : { ...headers, ...JSON_HEADERS },
    });
  }
}

/** A JSON answer (see {@link JsonReply}). */
export function jsonReply(
  body: unknown,
  status = 200,
  headers: ResponseHeaders = NO_HEADERS,
): JsonReply {
  return new JsonReply(JSON.stringify(body), status, headers);
}

/** The answer of an app's last guard: an error nothing handled, told as nothing more. */
export const INTERNAL_ERROR = new JsonReply(
  JSON.stringify({ error: { code: 500, status: 'INTERNAL', message: 'Internal error' } }),
  500,
  NO_HEADERS,
);

/** A JSON response with `Content-Type: application/json` (what the TCK checks). */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: ResponseHeaders = NO_HEADERS,
): Response {
  return jsonReply(body, status, headers).toResponse();
}

const UNAUTHENTICATED_CODE = new UnauthenticatedError().code;
const PERMISSION_DENIED_CODE = new PermissionDeniedError().code;

/**
 * The HTTP status of a JSON-RPC error response. JSON-RPC errors travel with 200, except those
 * that are about HTTP itself (auth, body size, media type, timeout), which keep their status so
 * proxies and HTTP clients see them.
 */
export function jsonRpcHttpStatus(code: number, httpStatus?: number): number {
  if (code === UNAUTHENTICATED_CODE) return 401;
  if (code === PERMISSION_DENIED_CODE) return 403;
  if (httpStatus !== undefined && [408, 413, 415].includes(httpStatus)) return httpStatus;
  return 200;
}

/** A JSON-RPC error answer for anything thrown at the transport level. */
export function jsonRpcErrorReply(
  id: JsonRpcId,
  thrown: unknown,
  dialect: JsonRpcDialect,
  headers: ResponseHeaders = NO_HEADERS,
  challenge?: string,
): JsonReply {
  const error = toA2AError(thrown);
  const status = jsonRpcHttpStatus(error.code, error.httpStatus());
  return jsonReply(
    jsonRpcError(id, error, dialect),
    status,
    withChallenge(headers, status, challenge),
  );
}

/** An AIP-193 REST error response (google.rpc.Status with ErrorInfo) for anything thrown. */
export function restErrorResponse(
  thrown: unknown,
  variant: ErrorMappingVariant,
  headers: ResponseHeaders = NO_HEADERS,
  challenge?: string,
): Response {
  const { status, body } = toA2AError(thrown).toRestError(variant);
  return jsonResponse(body, status, withChallenge(headers, status, challenge));
}

/** The id to echo for a request body: its `id` when that is a string or number, else null. */
export function requestIdOf(body: unknown): JsonRpcId {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
