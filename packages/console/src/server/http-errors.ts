import { A2AError } from '@baton/protocol';

/** A plain API error: an HTTP status and a message for the UI. */
export class ApiError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 413 | 429 | 502;

  constructor(status: ApiError['status'], message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The JSON error response for anything thrown by a route: A2A errors keep their status. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError)
    return Response.json({ error: error.message }, { status: error.status });
  if (A2AError.isInstance(error)) {
    const status = error.httpStatus();
    return Response.json({ error: error.message, reason: error.reason }, { status });
  }
  return Response.json({ error: 'Internal error' }, { status: 500 });
}
