import { type AgentCard, type SecurityScheme } from '@baton/protocol';

import { type ClientInterceptor } from '../interceptors.js';
import { apiKey } from './api-key.js';
import { bearerToken } from './bearer-token.js';

type Secret = string | (() => string | Promise<string>);

/** Credentials the caller holds; {@link authFromCard} uses those the card asks for. */
export interface AgentCredentials {
  /** For `apiKeySecurityScheme`. */
  apiKey?: Secret | undefined;
  /** For HTTP `Bearer`, OAuth 2.0 and OpenID Connect schemes (a token obtained elsewhere). */
  bearerToken?: Secret | undefined;
  /** Called on 401 to get a fresh bearer token. */
  refreshBearerToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** For HTTP `Basic`. */
  basic?: { username: string; password: string } | undefined;
  /** Per scheme name, overriding the above: a ready interceptor. */
  bySchemeName?: Record<string, ClientInterceptor> | undefined;
}

function basicAuth(username: string, password: string): ClientInterceptor {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  const encoded = btoa(String.fromCharCode(...bytes));
  return {
    name: 'basic-auth',
    before(request) {
      request.headers.set('Authorization', `Basic ${encoded}`);
    },
  };
}

function forScheme(
  name: string,
  scheme: SecurityScheme,
  credentials: AgentCredentials,
): ClientInterceptor | undefined {
  const ready = credentials.bySchemeName?.[name];
  if (ready) return ready;
  if (scheme.apiKeySecurityScheme && credentials.apiKey !== undefined) {
    const { name: keyName, location } = scheme.apiKeySecurityScheme;
    return apiKey({ key: credentials.apiKey, name: keyName, location });
  }
  const http = scheme.httpAuthSecurityScheme;
  if (http?.scheme.toLowerCase() === 'basic' && credentials.basic) {
    return basicAuth(credentials.basic.username, credentials.basic.password);
  }
  const wantsToken =
    http?.scheme.toLowerCase() === 'bearer' ||
    scheme.oauth2SecurityScheme ||
    scheme.openIdConnectSecurityScheme;
  if (wantsToken && credentials.bearerToken !== undefined) {
    return bearerToken({ token: credentials.bearerToken, refresh: credentials.refreshBearerToken });
  }
  return undefined;
}

/**
 * Picks auth interceptors from what the card asks for (`securityRequirements`: any one of the
 * listed requirements, all schemes within it) and the credentials at hand. Returns `[]` when the
 * card asks for nothing, and throws when no requirement can be met with these credentials.
 * @example
 * const card = await fetchAgentCard(url);
 * const client = new A2AClient(card, { interceptors: authFromCard(card, { bearerToken: token }) });
 */
export function authFromCard(card: AgentCard, credentials: AgentCredentials): ClientInterceptor[] {
  const schemes = card.securitySchemes ?? {};
  const requirements = card.securityRequirements ?? [];
  if (requirements.length === 0) {
    // No explicit requirement: use the first declared scheme the credentials fit, if any.
    for (const [name, scheme] of Object.entries(schemes)) {
      const interceptor = forScheme(name, scheme, credentials);
      if (interceptor) return [interceptor];
    }
    return [];
  }
  for (const requirement of requirements) {
    const names = Object.keys(requirement.schemes);
    const interceptors = names.map((name) => {
      const scheme = schemes[name];
      return scheme ? forScheme(name, scheme, credentials) : undefined;
    });
    if (interceptors.every((i) => i !== undefined)) return interceptors;
  }
  const wanted = requirements.map((r) => Object.keys(r.schemes).join(' + ')).join(' or ');
  throw new TypeError(
    `The agent "${card.name}" asks for ${wanted}; none can be met with the credentials given`,
  );
}
