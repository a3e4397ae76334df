import { type MiddlewareHandler } from 'hono';

/** The cookie the console keeps its token in, once opened with `?token=`. */
export const TOKEN_COOKIE = 'baton_console_token';
/** The header scripts send the console token in. */
export const TOKEN_HEADER = 'x-baton-token';
/** The header every state-changing API call must carry (cross-site pages cannot add it). */
export const CSRF_HEADER = 'x-baton-console';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a host name (no port) is the local machine. */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase());
}

function hostName(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  return hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0]!;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Compares two strings in time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Agents post push notifications without the console token: the receiver is open. */
function isWebhookDelivery(method: string, path: string): boolean {
  return method === 'POST' && /^\/api\/webhooks\/[^/]+$/.test(path);
}

/**
 * Who may use the console. With a token: every request carries it (header, bearer or cookie);
 * opening any page with `?token=` sets the cookie and drops the token from the address. Without
 * one: only requests addressed to localhost are served, which defeats DNS rebinding. State
 * changing API calls need the `X-Baton-Console` header, which cross-site pages cannot send.
 */
export function accessControl(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const path = url.pathname;
    if (isWebhookDelivery(c.req.method, path)) return next();
    if (token === undefined) {
      if (!isLocalHost(hostName(c.req.header('host') ?? url.host))) {
        return c.text('This console only answers on localhost.', 403);
      }
    } else {
      const fromQuery = url.searchParams.get('token');
      if (fromQuery !== null && c.req.method === 'GET' && !path.startsWith('/api/')) {
        if (!sameSecret(fromQuery, token)) return c.text('Wrong console token.', 401);
        url.searchParams.delete('token');
        const secure = url.protocol === 'https:' ? '; Secure' : '';
        c.header(
          'Set-Cookie',
          `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure}`,
        );
        return c.redirect(`${url.pathname}${url.search}${url.hash}`, 303);
      }
      const bearer =
        path === '/api/relay'
          ? undefined
          : /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const given =
        c.req.header(TOKEN_HEADER) ?? bearer ?? cookie(c.req.header('cookie'), TOKEN_COOKIE);
      if (given === undefined || !sameSecret(given, token)) {
        if (path.startsWith('/api/')) return c.json({ error: 'console token required' }, 401);
        return c.html(
          '<!doctype html><title>Baton console</title><p>This console needs its token: open it ' +
            'with <code>?token=…</code> added to the address.</p>',
          401,
        );
      }
    }
    const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (
      path.startsWith('/api/') &&
      (changes || path === '/api/relay') &&
      !c.req.header(CSRF_HEADER)
    ) {
      return c.json({ error: `the ${CSRF_HEADER} header is required` }, 403);
    }
    return next();
  };
}
