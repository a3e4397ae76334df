import { z } from 'zod';

import { requiredString } from '../proto-json.js';
import { type OAuthFlows, type SecurityRequirement, type SecurityScheme } from '../security.js';
import { compact } from './v03-common.js';

const scopes = z.record(z.string(), z.string());

/** OAuth 2.0 authorization code flow, 0.3 form: no `pkceRequired` (spec 0.3 §5.5.3). */
export const AuthorizationCodeOAuthFlow03Schema = z.object({
  authorizationUrl: requiredString,
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** OAuth 2.0 client credentials flow, 0.3 form. */
export const ClientCredentialsOAuthFlow03Schema = z.object({
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** OAuth 2.0 implicit flow, 0.3 form. */
export const ImplicitOAuthFlow03Schema = z.object({
  authorizationUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** OAuth 2.0 resource owner password flow, 0.3 form. */
export const PasswordOAuthFlow03Schema = z.object({
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});

/** The OAuth 2.0 flows of a 0.3 scheme: any number of the four OpenAPI flows (spec 0.3 §5.5.3). */
export const OAuthFlows03Schema = z.object({
  authorizationCode: AuthorizationCodeOAuthFlow03Schema.optional(),
  clientCredentials: ClientCredentialsOAuthFlow03Schema.optional(),
  implicit: ImplicitOAuthFlow03Schema.optional(),
  password: PasswordOAuthFlow03Schema.optional(),
});
/** The OAuth 2.0 flows of a 0.3 scheme (spec 0.3 §5.5.3 OAuthFlows). */
export type OAuthFlows03 = z.infer<typeof OAuthFlows03Schema>;

/**
 * One way to authenticate, OpenAPI 3.0 style with a `type` discriminator (spec 0.3 §5.5.3):
 * `apiKey`, `http`, `oauth2`, `openIdConnect` or `mutualTLS`.
 */
export const SecurityScheme03Schema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('apiKey'),
    in: z.enum(['query', 'header', 'cookie']),
    name: requiredString,
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('http'),
    scheme: requiredString,
    bearerFormat: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('oauth2'),
    flows: OAuthFlows03Schema,
    oauth2MetadataUrl: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('openIdConnect'),
    openIdConnectUrl: requiredString,
    description: z.string().optional(),
  }),
  z.object({ type: z.literal('mutualTLS'), description: z.string().optional() }),
]);
/** One way to authenticate, OpenAPI 3.0 style (spec 0.3 §5.5.3 SecurityScheme). */
export type SecurityScheme03 = z.infer<typeof SecurityScheme03Schema>;

/** Schemes that together satisfy a requirement, `{name: [scopes]}` (OpenAPI 3.0 style). */
export const SecurityRequirement03Schema = z.record(z.string(), z.array(z.string()));
/** Schemes that together satisfy a requirement, `{name: [scopes]}`. */
export type SecurityRequirement03 = z.infer<typeof SecurityRequirement03Schema>;

/**
 * 1.0 OAuth flows as 0.3. `deviceCode` has no 0.3 form and yields `{}`; `pkceRequired` is
 * dropped.
 */
export function oauthFlowsTo03(flows: OAuthFlows): OAuthFlows03 {
  const code = flows.authorizationCode;
  return compact<OAuthFlows03>({
    authorizationCode:
      code === undefined
        ? undefined
        : compact({
            authorizationUrl: code.authorizationUrl,
            tokenUrl: code.tokenUrl,
            refreshUrl: code.refreshUrl,
            scopes: code.scopes,
          }),
    clientCredentials: flows.clientCredentials,
    implicit: flows.implicit,
    password: flows.password,
  });
}

/**
 * 0.3 OAuth flows as 1.0, where exactly one flow is allowed: the first present of
 * authorizationCode, clientCredentials, implicit, password wins. No flow gives undefined.
 */
export function oauthFlowsFrom03(flows: OAuthFlows03): OAuthFlows | undefined {
  if (flows.authorizationCode !== undefined) return { authorizationCode: flows.authorizationCode };
  if (flows.clientCredentials !== undefined) return { clientCredentials: flows.clientCredentials };
  if (flows.implicit !== undefined) return { implicit: flows.implicit };
  if (flows.password !== undefined) return { password: flows.password };
  return undefined;
}

/** A 1.0 security scheme (oneof wrapper) as a 0.3 OpenAPI-style scheme; mtls -> `mutualTLS`. */
export function securitySchemeTo03(scheme: SecurityScheme): SecurityScheme03 {
  const { apiKeySecurityScheme: apiKey, httpAuthSecurityScheme: http } = scheme;
  const { oauth2SecurityScheme: oauth2, openIdConnectSecurityScheme: oidc } = scheme;
  if (apiKey !== undefined) {
    const { location, name, description } = apiKey;
    return compact<SecurityScheme03>({ type: 'apiKey', in: location, name, description });
  }
  if (http !== undefined) return compact<SecurityScheme03>({ type: 'http', ...http });
  if (oauth2 !== undefined) {
    return compact<SecurityScheme03>({
      type: 'oauth2',
      flows: oauthFlowsTo03(oauth2.flows),
      oauth2MetadataUrl: oauth2.oauth2MetadataUrl,
      description: oauth2.description,
    });
  }
  if (oidc !== undefined) return compact<SecurityScheme03>({ type: 'openIdConnect', ...oidc });
  return compact<SecurityScheme03>({
    type: 'mutualTLS',
    description: scheme.mtlsSecurityScheme?.description,
  });
}

/**
 * A 0.3 security scheme as the 1.0 oneof wrapper. An oauth2 scheme without any flow cannot be
 * expressed in 1.0 (it needs exactly one) and gives undefined.
 */
export function securitySchemeFrom03(scheme: SecurityScheme03): SecurityScheme | undefined {
  switch (scheme.type) {
    case 'apiKey': {
      const { in: location, name, description } = scheme;
      return { apiKeySecurityScheme: compact({ location, name, description }) };
    }
    case 'http': {
      const { type: _type, ...http } = scheme;
      return { httpAuthSecurityScheme: http };
    }
    case 'oauth2': {
      const flows = oauthFlowsFrom03(scheme.flows);
      if (flows === undefined) return undefined;
      const { oauth2MetadataUrl, description } = scheme;
      return { oauth2SecurityScheme: compact({ flows, oauth2MetadataUrl, description }) };
    }
    case 'openIdConnect': {
      const { type: _type, ...oidc } = scheme;
      return { openIdConnectSecurityScheme: oidc };
    }
    case 'mutualTLS':
      return { mtlsSecurityScheme: compact({ description: scheme.description }) };
  }
}

/** A 1.0 requirement `{schemes: {name: {list: [scopes]}}}` as 0.3 `{name: [scopes]}`. */
export function securityRequirementTo03(requirement: SecurityRequirement): SecurityRequirement03 {
  return Object.fromEntries(
    Object.entries(requirement.schemes).map(([name, scopeList]) => [name, scopeList.list]),
  );
}

/** A 0.3 requirement `{name: [scopes]}` as 1.0 `{schemes: {name: {list: [scopes]}}}`. */
export function securityRequirementFrom03(requirement: SecurityRequirement03): SecurityRequirement {
  return {
    schemes: Object.fromEntries(
      Object.entries(requirement).map(([name, list]) => [name, { list }]),
    ),
  };
}
