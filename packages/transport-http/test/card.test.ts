import { type AgentInterface, BATON_URIS } from '@baton/protocol';
import { afterEach, describe, expect, it } from 'vitest';

import { startTestAgent, type TestAgent, testCard } from './fixtures.js';

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

async function card(options: Parameters<typeof startTestAgent>[0] = {}, init?: RequestInit) {
  agent = await startTestAgent({ listen: false, ...options });
  return agent.app.request('http://agent.test/.well-known/agent-card.json', init);
}

describe('public agent card', () => {
  it('lists every interface served, 1.0 first, with URLs derived from the request', async () => {
    const response = await card();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(body.supportedInterfaces).toEqual([
      { url: 'http://agent.test/a2a/jsonrpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: 'http://agent.test/a2a/rest', protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
      { url: 'http://agent.test/a2a/jsonrpc', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]);
    expect(body.name).toBe(testCard.name);
  });

  it('declares the resumable-streams extension when the agent streams', async () => {
    const body = await (await card()).json();
    expect(body.capabilities.extensions).toContainEqual(
      expect.objectContaining({ uri: BATON_URIS.resumableStreams }),
    );
  });

  it('adds the 0.3 top-level fields only while a 0.3 interface is served', async () => {
    const both = await (await card()).json();
    expect(both.protocolVersion).toBe('0.3.0');
    expect(both.url).toBe('http://agent.test/a2a/jsonrpc');
    expect(both.preferredTransport).toBe('JSONRPC');
    await agent!.close();
    const only10 = await (await card({ app: { bindings: { jsonRpc: ['1.0'] } } })).json();
    for (const key of ['protocolVersion', 'url', 'preferredTransport', 'additionalInterfaces']) {
      expect(only10).not.toHaveProperty(key);
    }
    expect(only10.supportedInterfaces.map((i: AgentInterface) => i.protocolVersion)).toEqual([
      '1.0',
      '1.0',
    ]);
  });

  it('uses baseUrl and custom paths when given', async () => {
    const options = {
      baseUrl: 'https://agents.example.com/echo/',
      restPath: '/rest',
      jsonRpcPath: '/rpc',
    };
    const body = await (await card({ app: options })).json();
    expect(body.supportedInterfaces.map((i: AgentInterface) => i.url)).toEqual([
      'https://agents.example.com/echo/rpc',
      'https://agents.example.com/echo/rest',
      'https://agents.example.com/echo/rpc',
    ]);
  });

  it('carries Cache-Control and ETag, and answers a conditional GET with 304', async () => {
    const first = await card({ app: { cardMaxAge: 60 } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await agent!.app.request('http://agent.test/.well-known/agent-card.json', {
      headers: { 'If-None-Match': `W/${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const stale = await agent!.app.request('http://agent.test/.well-known/agent-card.json', {
      headers: { 'If-None-Match': '"other"' },
    });
    expect(stale.status).toBe(200);
  });

  it('serves the 0.2-era /.well-known/agent.json alias only with 0.3', async () => {
    const response = await card();
    expect(response.status).toBe(200);
    expect((await agent!.app.request('http://agent.test/.well-known/agent.json')).status).toBe(200);
    await agent!.close();
    await card({ app: { bindings: { jsonRpc: ['1.0'] } } });
    expect((await agent!.app.request('http://agent.test/.well-known/agent.json')).status).toBe(404);
  });
});
