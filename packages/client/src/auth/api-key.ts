import { type ClientInterceptor } from '../interceptors.js';

/** Options of {@link apiKey}. */
export interface ApiKeyOptions {
  /** The key, or a function giving the current key. */
  key: string | (() => string | Promise<string>);
  /** Header, query parameter or cookie name. @default 'X-API-Key' */
  name?: string | undefined;
  /** Where the key goes, as in `apiKeySecurityScheme.location`. @default 'header' */
  location?: 'header' | 'query' | 'cookie' | undefined;
}

/**
 * Adds an API key to every request, in a header, the query string or a cookie.
 * @example
 * new A2AClient(card, { interceptors: [apiKey({ key: process.env.AGENT_KEY!, name: 'X-API-Key' })] });
 */
export function apiKey(options: ApiKeyOptions): ClientInterceptor {
  const name = options.name ?? 'X-API-Key';
  const location = options.location ?? 'header';
  return {
    name: 'api-key',
    async before(request) {
      const key = typeof options.key === 'function' ? await options.key() : options.key;
      if (location === 'query') request.url.searchParams.set(name, key);
      else if (location === 'cookie') {
        const cookie = request.headers.get('Cookie');
        const pair = `${name}=${encodeURIComponent(key)}`;
        request.headers.set('Cookie', cookie ? `${cookie}; ${pair}` : pair);
      } else request.headers.set(name, key);
    },
  };
}
