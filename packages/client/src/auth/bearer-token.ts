import { type ClientInterceptor } from '../interceptors.js';

/** Options of {@link bearerToken}. */
export interface BearerTokenOptions {
  /** The token, or a function giving the current one (called before each request). */
  token: string | (() => string | Promise<string>);
  /**
   * Called when the agent answers 401: return a fresh token and the request is sent once more
   * with it; return undefined to give up (the 401 surfaces as an error).
   */
  refresh?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** The authorization scheme. @default 'Bearer' */
  scheme?: string | undefined;
}

/**
 * Sends `Authorization: Bearer <token>` with every request, refreshing the token and retrying
 * once when the agent answers 401.
 * @example
 * bearerToken({ token: () => tokens.access, refresh: () => tokens.renew() })
 */
export function bearerToken(options: BearerTokenOptions): ClientInterceptor {
  const scheme = options.scheme ?? 'Bearer';
  let refreshed: string | undefined;
  let refreshing: Promise<string | undefined> | undefined;
  return {
    name: 'bearer-token',
    async before(request) {
      const token =
        refreshed ?? (typeof options.token === 'function' ? await options.token() : options.token);
      request.headers.set('Authorization', `${scheme} ${token}`);
    },
    async after(response) {
      if (response.status !== 401 || !options.refresh) return undefined;
      // Concurrent 401s share one refresh.
      refreshing ??= Promise.resolve(options.refresh()).finally(() => (refreshing = undefined));
      const token = await refreshing;
      if (token === undefined) return undefined;
      refreshed = token;
      return { retry: true };
    },
  };
}
