import { type AgentCard } from '@baton/protocol';

import { A2AClientError } from '../errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { signingPayload } from './jcs.js';

/** The protected header of a card signature (RFC 7515): `alg`, and usually `kid`, `typ`, `jku`. */
export interface JwsHeader {
  alg: string;
  kid?: string | undefined;
  typ?: string | undefined;
  jku?: string | undefined;
  [name: string]: unknown;
}

/**
 * Finds the public key for a signature, e.g. from a JWKS at `header.jku` that the caller trusts.
 * Return undefined when the key is unknown (or revoked or expired: the spec says reject those).
 */
export type CardKeyResolver = (
  header: JwsHeader,
) => JsonWebKey | CryptoKey | undefined | Promise<JsonWebKey | CryptoKey | undefined>;

/** How to verify agent card signatures. */
export interface CardVerificationOptions {
  /** Trusted public keys (JWK, matched by `kid` when both have one), or a resolver. */
  keys: readonly JsonWebKey[] | CardKeyResolver;
}

interface Algorithm {
  import: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams;
  verify: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
}

/** The JWS algorithms accepted, as WebCrypto parameters. */
const ALGORITHMS: Record<string, Algorithm> = {
  ES256: ecdsa('P-256', 'SHA-256'),
  ES384: ecdsa('P-384', 'SHA-384'),
  ES512: ecdsa('P-521', 'SHA-512'),
  RS256: rsa('RSASSA-PKCS1-v1_5', 'SHA-256'),
  RS384: rsa('RSASSA-PKCS1-v1_5', 'SHA-384'),
  RS512: rsa('RSASSA-PKCS1-v1_5', 'SHA-512'),
  PS256: rsa('RSA-PSS', 'SHA-256', 32),
  PS384: rsa('RSA-PSS', 'SHA-384', 48),
  PS512: rsa('RSA-PSS', 'SHA-512', 64),
  EdDSA: { import: { name: 'Ed25519' }, verify: { name: 'Ed25519' } },
};

function ecdsa(namedCurve: string, hash: string): Algorithm {
  return { import: { name: 'ECDSA', namedCurve }, verify: { name: 'ECDSA', hash } };
}
function rsa(name: string, hash: string, saltLength?: number): Algorithm {
  return { import: { name, hash }, verify: saltLength ? { name, saltLength } : { name } };
}

function fail(message: string, cause?: unknown): never {
  throw new A2AClientError('INVALID_SIGNATURE', message, cause === undefined ? {} : { cause });
}

function decodeHeader(encoded: string): JwsHeader | undefined {
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(encoded)));
    const alg = (header as { alg?: unknown } | null)?.alg;
    return typeof alg === 'string' ? (header as JwsHeader) : undefined;
  } catch {
    return undefined;
  }
}

async function candidateKeys(
  options: CardVerificationOptions,
  header: JwsHeader,
): Promise<(JsonWebKey | CryptoKey)[]> {
  if (typeof options.keys === 'function') {
    const key = await options.keys(header);
    return key ? [key] : [];
  }
  const keys = options.keys as readonly (JsonWebKey & { kid?: string })[];
  const byKid = header.kid === undefined ? [] : keys.filter((key) => key.kid === header.kid);
  return byKid.length > 0
    ? byKid
    : keys.filter((key) => key.kid === undefined || header.kid === undefined);
}

async function verifyOne(
  key: JsonWebKey | CryptoKey,
  alg: Algorithm,
  signature: Uint8Array<ArrayBuffer>,
  input: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    // A JWK has `kty`; anything else is a CryptoKey (instanceof fails across realms).
    const cryptoKey =
      'kty' in key
        ? await crypto.subtle.importKey('jwk', key, alg.import, false, ['verify'])
        : (key as CryptoKey);
    return await crypto.subtle.verify(alg.verify, cryptoKey, signature, input);
  } catch {
    return false;
  }
}

/**
 * Verifies an agent card's JWS signatures (spec §8.4): each is checked over the RFC 8785 canonical
 * form of the card without `signatures`; one valid signature from a trusted key is enough. The
 * canonical form is computed from the card as served and, failing that, from the card as parsed
 * (unknown fields dropped), which is what signers that normalize the card first sign.
 * Supports ES256/384/512, RS256/384/512, PS256/384/512 and EdDSA (Ed25519) through WebCrypto.
 * @returns the protected header of the signature that verified.
 * @throws A2AClientError `INVALID_SIGNATURE` when no signature verifies.
 * @example
 * await verifyAgentCardSignature(rawCardJson, { keys: [trustedJwk] });
 */
export async function verifyAgentCardSignature(
  card: unknown,
  options: CardVerificationOptions,
  parsed?: AgentCard,
): Promise<JwsHeader> {
  if (typeof card !== 'object' || card === null) fail('The agent card is not an object');
  const signatures = (card as { signatures?: unknown }).signatures;
  if (!Array.isArray(signatures) || signatures.length === 0) fail('The agent card is not signed');
  const encoder = new TextEncoder();
  const payloads = [signingPayload(card as Record<string, unknown>)];
  if (parsed) payloads.push(signingPayload(parsed));
  const encodedPayloads = [...new Set(payloads)].map((payload) =>
    toBase64Url(encoder.encode(payload)),
  );
  for (const entry of signatures as unknown[]) {
    const { protected: protectedHeader, signature } = (entry ?? {}) as Record<string, unknown>;
    if (typeof protectedHeader !== 'string' || typeof signature !== 'string') continue;
    const header = decodeHeader(protectedHeader);
    const alg = header && ALGORITHMS[header.alg];
    if (!header || !alg) continue;
    let signatureBytes: Uint8Array<ArrayBuffer>;
    try {
      signatureBytes = fromBase64Url(signature);
    } catch {
      continue;
    }
    for (const key of await candidateKeys(options, header)) {
      for (const payload of encodedPayloads) {
        const input = encoder.encode(`${protectedHeader}.${payload}`);
        if (await verifyOne(key, alg, signatureBytes, input)) return header;
      }
    }
  }
  return fail('No signature of the agent card verifies with a trusted key');
}
