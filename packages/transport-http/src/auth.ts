import { type AgentCard, type SecurityScheme } from '@baton/protocol';
import { ANONYMOUS_CALLER, type Authenticator, type Caller } from '@baton/server';

/**
 * Runs the authenticator on a request's headers and URL. Without one, everyone is the anonymous
 * caller, at once (no promise). Errors (`UnauthenticatedError`, `PermissionDeniedError`) reject.
 */
export function authenticate(
  authenticator: Authenticator | undefined,
  request: Request,
): Caller | Promise<Caller> {
  if (!authenticator) return ANONYMOUS_CALLER;
  return run(authenticator, request);
}

async function run(authenticator: Authenticator, request: Request): Promise<Caller> {
  return authenticator({ headers: request.headers, url: request.url });
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function challengeOf(scheme: SecurityScheme, realm: string): string | undefined {
  if (scheme.httpAuthSecurityScheme) {
    const name = scheme.httpAuthSecurityScheme.scheme;
    const canonical = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
    return `${canonical} realm=${realm}`;
  }
  if (scheme.oauth2SecurityScheme || scheme.openIdConnectSecurityScheme) {
    return `Bearer realm=${realm}`;
  }
  if (scheme.apiKeySecurityScheme) {
    const { location, name } = scheme.apiKeySecurityScheme;
    return `ApiKey realm=${realm}, in=${quoted(location)}, name=${quoted(name)}`;
  }
  return undefined;
}

/**
 * The `WWW-Authenticate` challenges (RFC 9110 §11.6.1) for the card's security schemes: HTTP
 * schemes by name (`Bearer`, `Basic`), OAuth 2 and OpenID Connect as `Bearer`, API keys as a
 * descriptive `ApiKey` challenge; mutual TLS has none. Undefined when the card declares none.
 */
export function wwwAuthenticate(card: AgentCard): string | undefined {
  const realm = quoted(card.name);
  const challenges = new Set<string>();
  for (const scheme of Object.values(card.securitySchemes ?? {})) {
    const challenge = challengeOf(scheme, realm);
    if (challenge) challenges.add(challenge);
  }
  return challenges.size > 0 ? [...challenges].join(', ') : undefined;
}
