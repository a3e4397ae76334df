import { type ClientInterceptor, type InterceptedRequest } from '../interceptors.js';

/**
 * Adds headers to every request: fixed ones, or computed per request (tracing ids, tenant
 * routing).
 * @example
 * customHeaders({ 'X-Request-Source': 'orchestrator' })
 * customHeaders((req) => ({ 'X-Trace-Id': crypto.randomUUID(), 'X-Operation': req.operation }))
 */
export function customHeaders(
  headers: HeadersInit | ((request: InterceptedRequest) => HeadersInit | Promise<HeadersInit>),
): ClientInterceptor {
  return {
    name: 'custom-headers',
    async before(request) {
      const extra = typeof headers === 'function' ? await headers(request) : headers;
      new Headers(extra).forEach((value, key) => request.headers.set(key, value));
    },
  };
}

/** One line per request for {@link logRequests}. */
export interface RequestLogEntry {
  operation: string;
  url: string;
  attempt: number;
  status?: number | undefined;
  durationMs: number;
  error?: unknown;
}

/**
 * Reports every request with its status and duration (streams: until the stream opened).
 * @example
 * logRequests((entry) => console.debug(`${entry.operation} ${entry.status} ${entry.durationMs}ms`))
 */
export function logRequests(log: (entry: RequestLogEntry) => void): ClientInterceptor {
  const started = Symbol('started');
  const since = (state: Map<unknown, unknown>) =>
    Date.now() - ((state.get(started) as number | undefined) ?? Date.now());
  return {
    name: 'log-requests',
    before(request) {
      request.state.set(started, Date.now());
    },
    after({ request, status }) {
      const { operation, url, attempt, state } = request;
      log({ operation, url: url.href, attempt, status, durationMs: since(state) });
    },
    error(request, error) {
      const { operation, url, attempt, state } = request;
      log({ operation, url: url.href, attempt, durationMs: since(state), error });
    },
  };
}
