import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type AgentCard, AgentCardSchema } from '../agent-card.js';
import * as arb from './arbitraries.js';
import {
  AgentCard03Schema,
  cardFrom03,
  cardTo03,
  decodeAgentCardAnyVersion,
  isCard03,
  withLegacyCardFields,
} from './v03-card.js';

const base: AgentCard = {
  name: 'Baton agent',
  description: 'Does things.',
  supportedInterfaces: [
    { url: 'https://a.example/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
    { url: 'https://a.example/rpc', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    {
      url: 'https://a.example',
      protocolBinding: 'HTTP+JSON',
      protocolVersion: '0.3',
      tenant: 't1',
    },
  ],
  version: '1.0.0',
  capabilities: { streaming: true, extendedAgentCard: true },
  securitySchemes: {
    bearer: { httpAuthSecurityScheme: { scheme: 'Bearer', bearerFormat: 'JWT' } },
    key: { apiKeySecurityScheme: { location: 'header', name: 'X-Key' } },
    mtls: { mtlsSecurityScheme: {} },
  },
  securityRequirements: [
    { schemes: { bearer: { list: ['read'] } } },
    { schemes: { key: { list: [] } } },
  ],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 's1',
      name: 'Skill',
      description: 'A skill.',
      tags: ['x'],
      securityRequirements: [{ schemes: { bearer: { list: ['admin'] } } }],
    },
    { id: 's2', name: 'Other', description: '', tags: [] },
  ],
};

describe('cardTo03', () => {
  it('takes url and transport from the first 0.3 interface and lists the 0.3 ones', () => {
    const card03 = cardTo03(base);
    expect(card03).toMatchObject({
      protocolVersion: '0.3.0',
      url: 'https://a.example/rpc',
      preferredTransport: 'JSONRPC',
      additionalInterfaces: [
        { url: 'https://a.example/rpc', transport: 'JSONRPC' },
        { url: 'https://a.example', transport: 'HTTP+JSON' },
      ],
      supportsAuthenticatedExtendedCard: true,
      capabilities: { streaming: true },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        mtls: { type: 'mutualTLS' },
      },
      security: [{ bearer: ['read'] }, { key: [] }],
    });
    expect(card03.capabilities).not.toHaveProperty('extendedAgentCard');
    expect(card03.skills[0]?.security).toStrictEqual([{ bearer: ['admin'] }]);
    expect(card03.skills[1]).not.toHaveProperty('security');
    expect(AgentCard03Schema.safeParse(card03).success).toBe(true);
  });

  it('falls back to the first interface when none is 0.3', () => {
    const only10 = { ...base, supportedInterfaces: [base.supportedInterfaces[0]!] };
    expect(cardTo03(only10)).toMatchObject({
      url: 'https://a.example/rpc',
      additionalInterfaces: [{ url: 'https://a.example/rpc', transport: 'JSONRPC' }],
    });
  });
});

describe('cardFrom03', () => {
  it('defaults the transport to JSONRPC and removes a duplicated main interface', () => {
    const card = cardFrom03({
      ...cardTo03(base),
      preferredTransport: undefined,
      additionalInterfaces: [
        { url: 'https://a.example/rpc', transport: 'JSONRPC' },
        { url: 'https://a.example/grpc', transport: 'GRPC' },
      ],
    });
    expect(card.supportedInterfaces).toStrictEqual([
      { url: 'https://a.example/rpc', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      { url: 'https://a.example/grpc', protocolBinding: 'GRPC', protocolVersion: '0.3' },
    ]);
  });

  it('drops stateTransitionHistory and maps supportsAuthenticatedExtendedCard', () => {
    const card = cardFrom03({
      ...cardTo03(base),
      capabilities: { stateTransitionHistory: true, pushNotifications: false },
      supportsAuthenticatedExtendedCard: false,
    });
    expect(card.capabilities).toStrictEqual({ pushNotifications: false, extendedAgentCard: false });
  });
});

describe('withLegacyCardFields', () => {
  it('returns the card unchanged without a 0.3 interface', () => {
    const card = { ...base, supportedInterfaces: [base.supportedInterfaces[0]!] };
    expect(withLegacyCardFields(card)).toBe(card);
  });

  it('adds the 0.3 top-level fields when a 0.3 interface is declared', () => {
    const merged = withLegacyCardFields(base);
    expect(merged).toMatchObject({
      ...base,
      protocolVersion: '0.3.0',
      url: 'https://a.example/rpc',
      preferredTransport: 'JSONRPC',
      supportsAuthenticatedExtendedCard: true,
      security: [{ bearer: ['read'] }, { key: [] }],
      securitySchemes: {
        bearer: {
          httpAuthSecurityScheme: { scheme: 'Bearer', bearerFormat: 'JWT' },
          type: 'http',
          scheme: 'Bearer',
          bearerFormat: 'JWT',
        },
      },
    });
    expect(merged.skills[0]).toMatchObject({
      securityRequirements: [{ schemes: { bearer: { list: ['admin'] } } }],
      security: [{ bearer: ['admin'] }],
    });
  });

  it('stays readable by both versions and is sniffed as 1.0', () => {
    fc.assert(
      fc.property(arb.card, (card) => {
        const merged = JSON.parse(JSON.stringify(withLegacyCardFields(card))) as unknown;
        expect(AgentCardSchema.parse(merged)).toStrictEqual(card);
        expect(cardFrom03(AgentCard03Schema.parse(merged))).toStrictEqual(card);
        expect(isCard03(merged)).toBe(false);
        expect(decodeAgentCardAnyVersion(merged)).toStrictEqual({ success: true, data: card });
      }),
    );
  });

  it('merges only with a 0.3 interface, for any card', () => {
    fc.assert(
      fc.property(arb.card, fc.constantFrom('1.0', '0.3', '0.3.0'), (card, version) => {
        const retagged = {
          ...card,
          supportedInterfaces: card.supportedInterfaces.map((i) => ({
            ...i,
            protocolVersion: version,
          })),
        };
        const merged = withLegacyCardFields(retagged);
        if (version === '1.0') expect(merged).toBe(retagged);
        else expect(merged).toHaveProperty('url', card.supportedInterfaces[0]?.url);
      }),
    );
  });
});

describe('isCard03', () => {
  it('tells the versions apart', () => {
    expect(isCard03(cardTo03(base))).toBe(true);
    expect(isCard03(base)).toBe(false);
    expect(isCard03(withLegacyCardFields(base))).toBe(false);
    expect(isCard03(null)).toBe(false);
    expect(isCard03([])).toBe(false);
  });
});
