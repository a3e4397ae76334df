import { type AgentCard, type AgentInterface } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { type ClientInterceptor, type InterceptedRequest } from '../interceptors.js';
import { apiKey } from './api-key.js';
import { bearerToken } from './bearer-token.js';
import { authFromCard } from './from-card.js';
import { customHeaders, logRequests, type RequestLogEntry } from './headers.js';

const iface: AgentInterface = {
  url: 'http://127.0.0.1:1/rpc',
  protocolBinding: 'JSONRPC',
  protocolVersion: '1.0',
};

function request(): InterceptedRequest {
  return {
    operation: 'GetTask',
    params: { id: 't' },
    url: new URL(iface.url),
    method: 'POST',
    headers: new Headers(),
    interface: iface,
    streaming: false,
    attempt: 1,
    signal: new AbortController().signal,
    state: new Map(),
  };
}

async function run(interceptors: ClientInterceptor[]): Promise<InterceptedRequest> {
  const req = request();
  for (const interceptor of interceptors) await interceptor.before?.(req);
  return req;
}

const card = (extra: Partial<AgentCard>): AgentCard => ({
  name: 'Secure',
  description: 'd',
  supportedInterfaces: [iface],
  version: '1',
  capabilities: {},
  defaultInputModes: [],
  defaultOutputModes: [],
  skills: [],
  ...extra,
});

describe('auth interceptors', () => {
  it('puts an API key in a header, the query or a cookie', async () => {
    expect((await run([apiKey({ key: 'k1' })])).headers.get('X-API-Key')).toBe('k1');
    expect(
      (await run([apiKey({ key: () => 'k2', name: 'key', location: 'query' })])).url.search,
    ).toBe('?key=k2');
    expect(
      (await run([apiKey({ key: 'a b', name: 'sid', location: 'cookie' })])).headers.get('Cookie'),
    ).toBe('sid=a%20b');
  });

  it('sends a bearer token and asks for one retry with a fresh token after 401', async () => {
    const interceptor = bearerToken({ token: async () => 'old', refresh: () => 'new' });
    const first = await run([interceptor]);
    expect(first.headers.get('Authorization')).toBe('Bearer old');
    expect(
      await interceptor.after?.({ request: first, status: 200, headers: new Headers() }),
    ).toBeUndefined();
    expect(
      await interceptor.after?.({ request: first, status: 401, headers: new Headers() }),
    ).toEqual({ retry: true });
    expect((await run([interceptor])).headers.get('Authorization')).toBe('Bearer new');
    const noRefresh = bearerToken({ token: 't' });
    expect(
      await noRefresh.after?.({ request: first, status: 401, headers: new Headers() }),
    ).toBeUndefined();
  });

  it('adds custom headers and logs requests', async () => {
    const entries: RequestLogEntry[] = [];
    const log = logRequests((entry) => entries.push(entry));
    const req = await run([
      customHeaders({ 'X-A': '1' }),
      customHeaders((r) => ({ 'X-Op': r.operation })),
      log,
    ]);
    expect([req.headers.get('X-A'), req.headers.get('X-Op')]).toEqual(['1', 'GetTask']);
    await log.after?.({ request: req, status: 204, headers: new Headers() });
    expect(entries[0]).toMatchObject({ operation: 'GetTask', status: 204, attempt: 1 });
  });
});

describe('authFromCard', () => {
  const schemes = {
    key: { apiKeySecurityScheme: { location: 'query' as const, name: 'api_key' } },
    bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } },
    basic: { httpAuthSecurityScheme: { scheme: 'basic' } },
    oauth: {
      oauth2SecurityScheme: { flows: { clientCredentials: { tokenUrl: 'http://t', scopes: {} } } },
    },
  };

  it('meets the first requirement the credentials can satisfy', async () => {
    const secured = card({
      securitySchemes: schemes,
      securityRequirements: [
        { schemes: { oauth: { list: ['read'] } } },
        { schemes: { key: { list: [] }, basic: { list: [] } } },
      ],
    });
    const viaToken = await run(authFromCard(secured, { bearerToken: 'tok' }));
    expect(viaToken.headers.get('Authorization')).toBe('Bearer tok');
    const viaKey = await run(
      authFromCard(secured, { apiKey: 'k', basic: { username: 'u', password: 'p' } }),
    );
    expect(viaKey.url.searchParams.get('api_key')).toBe('k');
    expect(viaKey.headers.get('Authorization')).toBe(`Basic ${btoa('u:p')}`);
    expect(() => authFromCard(secured, { apiKey: 'k' })).toThrow(/oauth or key \+ basic/);
  });

  it('asks for nothing when the card asks for nothing, and uses a declared scheme without requirements', async () => {
    expect(authFromCard(card({}), { bearerToken: 't' })).toEqual([]);
    const declared = await run(
      authFromCard(card({ securitySchemes: { bearer: schemes.bearer } }), { bearerToken: 't' }),
    );
    expect(declared.headers.get('Authorization')).toBe('Bearer t');
  });
});
