import { z } from 'zod';

import { protoMessage, requiredString } from './proto-json.js';

const scopes = z.record(z.string(), z.string());

/** OAuth 2.0 authorization code flow (spec §4.5.x AuthorizationCodeOAuthFlow). */
export const AuthorizationCodeOAuthFlowSchema = protoMessage({
  authorizationUrl: requiredString,
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
  pkceRequired: z.boolean().optional(),
});
/** OAuth 2.0 client credentials flow. */
export const ClientCredentialsOAuthFlowSchema = protoMessage({
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** OAuth 2.0 device authorization flow (RFC 8628). */
export const DeviceCodeOAuthFlowSchema = protoMessage({
  deviceAuthorizationUrl: requiredString,
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** Deprecated OAuth 2.0 implicit flow, kept to read older cards. */
export const ImplicitOAuthFlowSchema = protoMessage({
  authorizationUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});
/** Deprecated OAuth 2.0 password flow, kept to read older cards. */
export const PasswordOAuthFlowSchema = protoMessage({
  tokenUrl: requiredString,
  refreshUrl: z.string().optional(),
  scopes,
});

function exactlyOne<T extends Record<string, unknown>>(
  keys: readonly (keyof T & string)[],
  what: string,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `${what} must have exactly one of ${keys.join(', ')}; it has ${present.length === 0 ? 'none' : present.join(' and ')}`,
      });
    }
  };
}

const FLOW_KEYS = [
  'authorizationCode',
  'clientCredentials',
  'deviceCode',
  'implicit',
  'password',
] as const;

/** The OAuth 2.0 flow an agent supports: exactly one (spec §4.5 OAuthFlows). */
export const OAuthFlowsSchema = protoMessage({
  authorizationCode: AuthorizationCodeOAuthFlowSchema.optional(),
  clientCredentials: ClientCredentialsOAuthFlowSchema.optional(),
  deviceCode: DeviceCodeOAuthFlowSchema.optional(),
  implicit: ImplicitOAuthFlowSchema.optional(),
  password: PasswordOAuthFlowSchema.optional(),
}).superRefine(exactlyOne(FLOW_KEYS, 'oauth flows'));
/** The OAuth 2.0 flow an agent supports (spec §4.5 OAuthFlows). */
export type OAuthFlows = z.infer<typeof OAuthFlowsSchema>;

/** An API key in a header, query parameter or cookie. */
export const APIKeySecuritySchemeSchema = protoMessage({
  description: z.string().optional(),
  location: z.enum(['query', 'header', 'cookie']),
  name: requiredString,
});
/** HTTP authentication (RFC 7235), e.g. Bearer or Basic. */
export const HTTPAuthSecuritySchemeSchema = protoMessage({
  description: z.string().optional(),
  scheme: requiredString,
  bearerFormat: z.string().optional(),
});
/** OAuth 2.0 authentication. */
export const OAuth2SecuritySchemeSchema = protoMessage({
  description: z.string().optional(),
  flows: OAuthFlowsSchema,
  oauth2MetadataUrl: z.string().optional(),
});
/** OpenID Connect authentication. */
export const OpenIdConnectSecuritySchemeSchema = protoMessage({
  description: z.string().optional(),
  openIdConnectUrl: requiredString,
});
/** Mutual TLS authentication. */
export const MutualTlsSecuritySchemeSchema = protoMessage({ description: z.string().optional() });

const SCHEME_KEYS = [
  'apiKeySecurityScheme',
  'httpAuthSecurityScheme',
  'oauth2SecurityScheme',
  'openIdConnectSecurityScheme',
  'mtlsSecurityScheme',
] as const;

/** One way to authenticate to an agent, a oneof wrapper (spec §4.5 SecurityScheme). */
export const SecuritySchemeSchema = protoMessage({
  apiKeySecurityScheme: APIKeySecuritySchemeSchema.optional(),
  httpAuthSecurityScheme: HTTPAuthSecuritySchemeSchema.optional(),
  oauth2SecurityScheme: OAuth2SecuritySchemeSchema.optional(),
  openIdConnectSecurityScheme: OpenIdConnectSecuritySchemeSchema.optional(),
  mtlsSecurityScheme: MutualTlsSecuritySchemeSchema.optional(),
}).superRefine(exactlyOne(SCHEME_KEYS, 'a security scheme'));
/** One way to authenticate to an agent (spec §4.5 SecurityScheme). */
export type SecurityScheme = z.infer<typeof SecuritySchemeSchema>;

/**
 * Schemes that together satisfy a requirement: `{schemes: {name: {list: [scopes]}}}`. An array
 * of requirements is an OR of these ANDs (spec §4.5 SecurityRequirement).
 */
export const SecurityRequirementSchema = protoMessage({
  schemes: z.record(z.string(), protoMessage({ list: z.array(z.string()).default([]) })),
});
/** Schemes that together satisfy a requirement (spec §4.5 SecurityRequirement). */
export type SecurityRequirement = z.infer<typeof SecurityRequirementSchema>;
