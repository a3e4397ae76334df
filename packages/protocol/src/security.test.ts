import { describe, expect, it } from 'vitest';

import {
  APIKeySecuritySchemeSchema,
  OAuthFlowsSchema,
  SecurityRequirementSchema,
  SecuritySchemeSchema,
} from './security.js';
import { parseProtocol } from './validation.js';

const fields = (result: { success: boolean; violations?: { field: string }[] }) =>
  result.violations?.map((v) => v.field) ?? [];

const SCHEMES = {
  apiKeySecurityScheme: { location: 'header', name: 'X-API-Key' },
  httpAuthSecurityScheme: { scheme: 'Bearer', bearerFormat: 'JWT' },
  oauth2SecurityScheme: {
    flows: { clientCredentials: { tokenUrl: 'https://auth/token', scopes: { read: 'Read' } } },
    oauth2MetadataUrl: 'https://auth/.well-known/oauth-authorization-server',
  },
  openIdConnectSecurityScheme: {
    openIdConnectUrl: 'https://accounts.example.com/.well-known/openid-configuration',
  },
  mtlsSecurityScheme: { description: 'client certificate' },
};

const FLOWS = {
  authorizationCode: {
    authorizationUrl: 'https://auth/authorize',
    tokenUrl: 'https://auth/token',
    refreshUrl: 'https://auth/refresh',
    scopes: { read: 'Read' },
    pkceRequired: true,
  },
  clientCredentials: { tokenUrl: 'https://auth/token', scopes: {} },
  deviceCode: {
    deviceAuthorizationUrl: 'https://auth/device',
    tokenUrl: 'https://auth/token',
    scopes: { read: 'Read' },
  },
  implicit: { authorizationUrl: 'https://auth/authorize', scopes: {} },
  password: { tokenUrl: 'https://auth/token', scopes: {} },
};

describe('SecuritySchemeSchema (oneof scheme)', () => {
  it.each(Object.entries(SCHEMES))('accepts %s', (key, scheme) => {
    expect(SecuritySchemeSchema.parse({ [key]: scheme })).toEqual({ [key]: scheme });
  });

  it('rejects no scheme and two schemes at the wrapper', () => {
    expect(fields(parseProtocol(SecuritySchemeSchema, {}))).toEqual(['']);
    const two = parseProtocol(SecuritySchemeSchema, {
      httpAuthSecurityScheme: SCHEMES.httpAuthSecurityScheme,
      mtlsSecurityScheme: {},
    });
    expect(two.success ? '' : two.violations[0]!.description).toContain(
      'it has httpAuthSecurityScheme and mtlsSecurityScheme',
    );
  });

  it('does not read 0.3 OpenAPI-style schemes', () => {
    expect(SecuritySchemeSchema.safeParse({ type: 'http', scheme: 'bearer' }).success).toBe(false);
  });

  it('accepts the proto snake_case names down to the flows', () => {
    expect(
      SecuritySchemeSchema.parse({
        oauth2_security_scheme: {
          flows: { device_code: { device_authorization_url: 'd', token_url: 't', scopes: {} } },
          oauth2_metadata_url: 'm',
        },
      }),
    ).toEqual({
      oauth2SecurityScheme: {
        flows: { deviceCode: { deviceAuthorizationUrl: 'd', tokenUrl: 't', scopes: {} } },
        oauth2MetadataUrl: 'm',
      },
    });
  });

  it.each([
    [{ httpAuthSecurityScheme: {} }, 'httpAuthSecurityScheme.scheme'],
    [{ openIdConnectSecurityScheme: {} }, 'openIdConnectSecurityScheme.openIdConnectUrl'],
    [{ oauth2SecurityScheme: {} }, 'oauth2SecurityScheme.flows'],
    [{ apiKeySecurityScheme: { location: 'header' } }, 'apiKeySecurityScheme.name'],
  ])('reports the missing REQUIRED field of %j', (scheme, field) => {
    expect(fields(parseProtocol(SecuritySchemeSchema, scheme))).toEqual([field]);
  });
});

describe('APIKeySecuritySchemeSchema', () => {
  it.each(['query', 'header', 'cookie'])('accepts location %s', (location) => {
    expect(APIKeySecuritySchemeSchema.safeParse({ location, name: 'k' }).success).toBe(true);
  });

  it('rejects another location (0.3 used `in`)', () => {
    expect(APIKeySecuritySchemeSchema.safeParse({ location: 'body', name: 'k' }).success).toBe(
      false,
    );
    expect(APIKeySecuritySchemeSchema.safeParse({ in: 'header', name: 'k' }).success).toBe(false);
  });
});

describe('OAuthFlowsSchema (oneof flow)', () => {
  it.each(Object.entries(FLOWS))('accepts %s', (key, flow) => {
    expect(OAuthFlowsSchema.parse({ [key]: flow })).toEqual({ [key]: flow });
  });

  it('rejects two flows (0.3 allowed several)', () => {
    const result = parseProtocol(OAuthFlowsSchema, {
      authorizationCode: FLOWS.authorizationCode,
      clientCredentials: FLOWS.clientCredentials,
    });
    expect(fields(result)).toEqual(['']);
  });

  it('rejects `authorizationCodeFlow` of whats-new-v1.md: not a proto field (A2A.md §11.8)', () => {
    const result = parseProtocol(OAuthFlowsSchema, {
      authorizationCodeFlow: FLOWS.authorizationCode,
    });
    expect(result.success ? '' : result.violations[0]!.description).toContain('it has none');
  });

  it.each([
    [{ authorizationCode: { tokenUrl: 't', scopes: {} } }, ['authorizationCode.authorizationUrl']],
    [{ clientCredentials: { tokenUrl: 't' } }, ['clientCredentials.scopes']],
    [{ deviceCode: { tokenUrl: 't', scopes: {} } }, ['deviceCode.deviceAuthorizationUrl']],
    [
      { clientCredentials: { tokenUrl: 't', scopes: { read: 1 } } },
      ['clientCredentials.scopes.read'],
    ],
  ])('reports the bad fields of %j', (flows, expected) => {
    expect(fields(parseProtocol(OAuthFlowsSchema, flows))).toEqual(expected);
  });
});

describe('SecurityRequirementSchema', () => {
  it('maps scheme names to scope lists', () => {
    const requirement = { schemes: { oauth: { list: ['read', 'write'] }, apiKey: { list: [] } } };
    expect(SecurityRequirementSchema.parse(requirement)).toEqual(requirement);
  });

  it('fills an omitted scope list with [] (ProtoJSON omits empty repeated fields)', () => {
    expect(SecurityRequirementSchema.parse({ schemes: { apiKey: {} } })).toEqual({
      schemes: { apiKey: { list: [] } },
    });
  });

  it('rejects the 0.3 `{name: [scopes]}` form', () => {
    expect(fields(parseProtocol(SecurityRequirementSchema, { oauth: ['read'] }))).toEqual([
      'schemes',
    ]);
  });
});
