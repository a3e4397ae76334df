import { type AgentCard, UnauthenticatedError } from '@baton/protocol';
import { type AuthenticationRequest, type Authenticator } from '@baton/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rpc, startTestAgent, type TestAgent, testCard, userMessage } from './fixtures.js';

const securedCard: AgentCard = {
  ...testCard,
  capabilities: { ...testCard.capabilities, extendedAgentCard: true },
  securitySchemes: {
    bearer: { httpAuthSecurityScheme: { scheme: 'bearer', bearerFormat: 'opaque' } },
    key: { apiKeySecurityScheme: { location: 'header', name: 'X-API-Key' } },
  },
  securityRequirements: [{ schemes: { bearer: { list: [] } } }],
};

const seen: AuthenticationRequest[] = [];
const authenticator: Authenticator = ({ headers, url }) => {
  seen.push({ headers, url });
  const token = headers.get('authorization');
  if (token === 'Bearer alice') return { id: 'alice' };
  if (token === 'Bearer bob') return { id: 'bob' };
  throw new UnauthenticatedError('Missing or invalid bearer token');
};

let agent: TestAgent;
beforeAll(async () => {
  agent = await startTestAgent({
    handler: {
      agentCard: securedCard,
      extendedAgentCard: (caller) => ({ ...securedCard, description: `for ${caller.id}` }),
    },
    app: { authenticator },
  });
});
afterAll(() => agent.close());

const CHALLENGE =
  'Bearer realm="Test Agent", ApiKey realm="Test Agent", in="header", name="X-API-Key"';

describe('authentication', () => {
  it('never authenticates the public card', async () => {
    const response = await fetch(`${agent.url}/.well-known/agent-card.json`);
    expect(response.status).toBe(200);
  });

  it('answers JSON-RPC without credentials with 401, a challenge and the error', async () => {
    const response = await fetch(`${agent.url}/a2a/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'GetTask', params: { id: 'x' } }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
    const body = await response.json();
    expect(body.error.code).toBe(new UnauthenticatedError().code);
    expect(body.error.data[0].reason).toBe('UNAUTHENTICATED');
  });

  it('answers REST without credentials with 401, a challenge and an AIP-193 body', async () => {
    const response = await fetch(`${agent.url}/a2a/rest/tasks/x`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
  });

  it('hands the request headers and URL to the authenticator on every binding', async () => {
    seen.length = 0;
    const headers = { Authorization: 'Bearer alice', 'A2A-Version': '1.0' };
    await rpc(agent.url, 'SendMessage', { message: userMessage('hi') }, headers);
    await fetch(`${agent.url}/a2a/rest/tasks?pageSize=1`, { headers });
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer alice',
      'Bearer alice',
    ]);
    expect(seen[1]!.url).toBe(`${agent.url}/a2a/rest/tasks?pageSize=1`);
  });

  it('scopes tasks to the caller on both bindings', async () => {
    const alice = { Authorization: 'Bearer alice', 'A2A-Version': '1.0' };
    const bob = { Authorization: 'Bearer bob', 'A2A-Version': '1.0' };
    const sent = await rpc(agent.url, 'SendMessage', { message: userMessage('mine') }, alice);
    const id = sent.result.task.id as string;
    expect((await rpc(agent.url, 'GetTask', { id }, bob)).error?.code).toBe(-32001);
    expect((await fetch(`${agent.url}/a2a/rest/tasks/${id}`, { headers: bob })).status).toBe(404);
    expect((await fetch(`${agent.url}/a2a/rest/tasks/${id}`, { headers: alice })).status).toBe(200);
  });

  it('serves the extended card to an authenticated caller on both bindings', async () => {
    const headers = { Authorization: 'Bearer bob', 'A2A-Version': '1.0' };
    const viaRpc = await rpc(agent.url, 'GetExtendedAgentCard', {}, headers);
    expect(viaRpc.result.description).toBe('for bob');
    const viaRest = await fetch(`${agent.url}/a2a/rest/extendedAgentCard`, { headers });
    expect((await viaRest.json()).description).toBe('for bob');
    const anonymous = await fetch(`${agent.url}/a2a/rest/extendedAgentCard`);
    expect(anonymous.status).toBe(401);
  });
});
