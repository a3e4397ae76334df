import { type AgentCard } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { A2AClientError } from '../errors.js';
import { toBase64Url } from './base64url.js';
import { AgentCardCache } from './card-cache.js';
import { agentCardUrl, fetchAgentCard } from './fetch-agent-card.js';
import { canonicalJson, signingPayload } from './jcs.js';
import { verifyAgentCardSignature } from './verify-signature.js';

const CARD: AgentCard = {
  name: 'Signed agent',
  description: 'A card to sign',
  supportedInterfaces: [
    { url: 'http://127.0.0.1:1/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 's', name: 'S', description: 'd', tags: ['t'] }],
};

type Alg = 'ES256' | 'RS256';
const PARAMS = {
  ES256: { gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  RS256: {
    gen: {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
} as const;

async function sign(card: object, alg: Alg, kid: string) {
  const keys = await crypto.subtle.generateKey(PARAMS[alg].gen, true, ['sign', 'verify']);
  const header = toBase64Url(new TextEncoder().encode(JSON.stringify({ alg, kid, typ: 'JOSE' })));
  const payload = toBase64Url(
    new TextEncoder().encode(signingPayload(card as Record<string, unknown>)),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      PARAMS[alg].sign,
      keys.privateKey,
      new TextEncoder().encode(`${header}.${payload}`),
    ),
  );
  const jwk = { ...(await crypto.subtle.exportKey('jwk', keys.publicKey)), kid };
  return {
    signed: { ...card, signatures: [{ protected: header, signature: toBase64Url(signature) }] },
    jwk,
  };
}

describe('JCS', () => {
  it('sorts keys and writes numbers and strings as RFC 8785 says', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0], a: 'é\n', c: { z: null, y: true } })).toBe(
      '{"a":"é\\n","b":[1e+21,0.1,0],"c":{"y":true,"z":null}}',
    );
  });

  it('signs the card without signatures and without empty values', () => {
    const payload = signingPayload({
      b: '',
      a: [],
      signatures: [{ x: 1 }],
      c: { d: {} },
      e: false,
    });
    expect(payload).toBe('{"e":false}');
  });
});

describe('card signatures', () => {
  it.each(['ES256', 'RS256'] as const)(
    'verifies a card signed with %s and rejects a tampered one',
    async (alg) => {
      const { signed, jwk } = await sign(CARD, alg, 'key-1');
      await expect(verifyAgentCardSignature(signed, { keys: [jwk] })).resolves.toMatchObject({
        alg,
        kid: 'key-1',
      });
      const tampered = { ...signed, name: 'Evil agent' };
      await expect(verifyAgentCardSignature(tampered, { keys: [jwk] })).rejects.toSatisfy((e) =>
        A2AClientError.isInstance(e, 'INVALID_SIGNATURE'),
      );
    },
  );

  it('asks a resolver for the key and fails without a trusted one', async () => {
    const { signed, jwk } = await sign(CARD, 'ES256', 'k2');
    const seen: unknown[] = [];
    await verifyAgentCardSignature(signed, { keys: (header) => (seen.push(header.kid), jwk) });
    expect(seen).toEqual(['k2']);
    const other = await sign(CARD, 'ES256', 'k2');
    await expect(verifyAgentCardSignature(signed, { keys: [other.jwk] })).rejects.toThrow(
      /No signature/,
    );
    await expect(verifyAgentCardSignature(CARD, { keys: [jwk] })).rejects.toThrow(/not signed/);
  });
});

describe('fetchAgentCard', () => {
  it('finds the card at the well-known path of a base URL, or takes a card URL as is', () => {
    expect(agentCardUrl('http://127.0.0.1:1/agents/a/')).toBe(
      'http://127.0.0.1:1/agents/a/.well-known/agent-card.json',
    );
    expect(agentCardUrl('http://127.0.0.1:1/card.json')).toBe('http://127.0.0.1:1/card.json');
  });

  it('revalidates with the ETag and reuses the card on 304', async () => {
    const seen: (string | null)[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push(headers.get('If-None-Match'));
      expect(headers.get('A2A-Version')).toBe('1.0');
      expect(input instanceof Request ? input.url : input.toString()).toBe(
        'http://127.0.0.1:1/.well-known/agent-card.json',
      );
      if (headers.get('If-None-Match') === '"v1"') return new Response(null, { status: 304 });
      return Response.json(
        { ...CARD, supportedInterfaces: [{ ...CARD.supportedInterfaces[0], url: '/a2a' }] },
        { headers: { ETag: '"v1"' } },
      );
    };
    const cache = new AgentCardCache();
    const first = await fetchAgentCard('http://127.0.0.1:1', { fetch, cache });
    const second = await fetchAgentCard('http://127.0.0.1:1', { fetch, cache });
    expect(seen).toEqual([null, '"v1"']);
    expect(second).toEqual(first);
    expect(first.supportedInterfaces[0]!.url).toBe('http://127.0.0.1:1/a2a');
  });

  it('verifies signatures when asked and reports an invalid card', async () => {
    const { signed, jwk } = await sign(CARD, 'ES256', 'k');
    const serve = (body: unknown) => async () => Response.json(body);
    await expect(
      fetchAgentCard('http://127.0.0.1:1', {
        fetch: serve(signed),
        cache: false,
        verify: { keys: [jwk] },
      }),
    ).resolves.toMatchObject({ name: 'Signed agent' });
    await expect(
      fetchAgentCard('http://127.0.0.1:1', {
        fetch: serve({ ...signed, description: 'changed' }),
        cache: false,
        verify: { keys: [jwk] },
      }),
    ).rejects.toThrow(/No signature/);
    await expect(
      fetchAgentCard('http://127.0.0.1:1', { fetch: serve({ name: 'x' }), cache: false }),
    ).rejects.toSatisfy((e) => A2AClientError.isInstance(e, 'INVALID_CARD'));
  });
});
