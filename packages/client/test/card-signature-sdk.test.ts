// Card signatures made by the official A2A JS SDK's signer verify with the client's verifier.
import { generateAgentCardSignature } from '@a2a-js/sdk';
import { describe, expect, it } from 'vitest';

import { A2AClientError, verifyAgentCardSignature } from '../src/index.js';

const card = {
  name: 'SDK-signed agent',
  description: 'A card signed by @a2a-js/sdk',
  supportedInterfaces: [
    { url: 'http://127.0.0.1:1/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1.0.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 's', name: 'S', description: 'd', tags: ['t'] }],
};

describe('signatures from the @a2a-js/sdk signer', () => {
  it.each([
    ['ES256', { name: 'ECDSA', namedCurve: 'P-256' }],
    [
      'RS256',
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
    ],
  ] as const)('verifies an %s signature and rejects the card once changed', async (alg, params) => {
    const keys = await crypto.subtle.generateKey(params, true, ['sign', 'verify']);
    const sign = generateAgentCardSignature(keys.privateKey, { alg, kid: 'sdk-key', typ: 'JOSE' });
    const signed: unknown = JSON.parse(JSON.stringify(await sign(card as never)));
    const jwk = { ...(await crypto.subtle.exportKey('jwk', keys.publicKey)), kid: 'sdk-key' };
    await expect(verifyAgentCardSignature(signed, { keys: [jwk] })).resolves.toMatchObject({
      alg,
      kid: 'sdk-key',
    });
    const changed = { ...(signed as object), version: '2.0.0' };
    await expect(verifyAgentCardSignature(changed, { keys: [jwk] })).rejects.toSatisfy((e) =>
      A2AClientError.isInstance(e, 'INVALID_SIGNATURE'),
    );
  });
});
