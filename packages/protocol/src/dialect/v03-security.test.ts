import { describe, expect, it } from 'vitest';

import { SecuritySchemeSchema } from '../security.js';
import {
  oauthFlowsFrom03,
  SecurityScheme03Schema,
  securitySchemeFrom03,
  securitySchemeTo03,
} from './v03-security.js';

const code = {
  authorizationUrl: 'https://a/auth',
  tokenUrl: 'https://a/token',
  scopes: { read: 'Read' },
};

describe('security schemes', () => {
  it('maps mtlsSecurityScheme <-> mutualTLS and apiKey location <-> in', () => {
    expect(securitySchemeTo03({ mtlsSecurityScheme: { description: 'd' } })).toStrictEqual({
      type: 'mutualTLS',
      description: 'd',
    });
    expect(securitySchemeFrom03({ type: 'mutualTLS' })).toStrictEqual({ mtlsSecurityScheme: {} });
    expect(securitySchemeFrom03({ type: 'apiKey', in: 'cookie', name: 'sid' })).toStrictEqual({
      apiKeySecurityScheme: { location: 'cookie', name: 'sid' },
    });
  });

  it('drops pkceRequired and the deviceCode flow in 0.3', () => {
    expect(
      securitySchemeTo03({
        oauth2SecurityScheme: { flows: { authorizationCode: { ...code, pkceRequired: true } } },
      }),
    ).toStrictEqual({ type: 'oauth2', flows: { authorizationCode: code } });
    const device = {
      deviceAuthorizationUrl: 'https://a/device',
      tokenUrl: 'https://a/token',
      scopes: {},
    };
    const scheme03 = securitySchemeTo03({
      oauth2SecurityScheme: {
        flows: { deviceCode: device },
        oauth2MetadataUrl: 'https://a/.well-known',
      },
    });
    expect(scheme03).toStrictEqual({
      type: 'oauth2',
      flows: {},
      oauth2MetadataUrl: 'https://a/.well-known',
    });
    expect(SecurityScheme03Schema.safeParse(scheme03).success).toBe(true);
    expect(securitySchemeFrom03(SecurityScheme03Schema.parse(scheme03))).toBeUndefined();
  });

  it('keeps one of several 0.3 flows, authorizationCode first', () => {
    const client = { tokenUrl: 'https://a/token', scopes: {} };
    const implicit = { authorizationUrl: 'https://a/auth', scopes: {} };
    expect(
      oauthFlowsFrom03({ clientCredentials: client, authorizationCode: code, implicit }),
    ).toStrictEqual({
      authorizationCode: code,
    });
    expect(oauthFlowsFrom03({ password: client, implicit })).toStrictEqual({ implicit });
    const scheme = securitySchemeFrom03({
      type: 'oauth2',
      flows: { password: client, clientCredentials: client },
    });
    expect(SecuritySchemeSchema.safeParse(scheme).success).toBe(true);
    expect(scheme).toStrictEqual({
      oauth2SecurityScheme: { flows: { clientCredentials: client } },
    });
  });
});
