import { describe, expect, it } from 'vitest';

import { AgentCardSchema } from '../agent-card.js';
import { type ParseResult } from '../validation.js';
import { decodeCard03 } from './v03-card.js';

/**
 * The agent card examples of the A2A 0.3.0 specification (docs/specification.md §5.7) and of
 * types.ts (security requirement examples); prose values shortened.
 */

function fields<T>(result: ParseResult<T>): string[] {
  return result.success ? [] : result.violations.map((violation) => violation.field);
}

function expectOk<T>(result: ParseResult<T>): T {
  expect(fields(result)).toStrictEqual([]);
  if (!result.success) throw new Error('unreachable');
  return result.data;
}

describe('§5.7 sample agent card', () => {
  const card = {
    protocolVersion: '0.2.9',
    name: 'GeoSpatial Route Planner Agent',
    description: 'Route planning, traffic analysis and custom maps.',
    url: 'https://georoute-agent.example.com/a2a/v1',
    preferredTransport: 'JSONRPC',
    additionalInterfaces: [
      { url: 'https://georoute-agent.example.com/a2a/v1', transport: 'JSONRPC' },
      { url: 'https://georoute-agent.example.com/a2a/grpc', transport: 'GRPC' },
      { url: 'https://georoute-agent.example.com/a2a/json', transport: 'HTTP+JSON' },
    ],
    provider: {
      organization: 'Example Geo Services Inc.',
      url: 'https://www.examplegeoservices.com',
    },
    iconUrl: 'https://georoute-agent.example.com/icon.png',
    version: '1.2.0',
    documentationUrl: 'https://docs.examplegeoservices.com/georoute-agent/api',
    capabilities: { streaming: true, pushNotifications: true, stateTransitionHistory: false },
    securitySchemes: {
      google: {
        type: 'openIdConnect',
        openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration',
      },
    },
    security: [{ google: ['openid', 'profile', 'email'] }],
    defaultInputModes: ['application/json', 'text/plain'],
    defaultOutputModes: ['application/json', 'image/png'],
    skills: [
      {
        id: 'route-optimizer-traffic',
        name: 'Traffic-Aware Route Optimizer',
        description: 'Optimal driving routes.',
        tags: ['maps', 'routing', 'navigation', 'directions', 'traffic'],
        examples: ['Plan a route avoiding tolls.', '{"origin": {"lat": 37.422, "lng": -122.084}}'],
        inputModes: ['application/json', 'text/plain'],
        outputModes: ['application/json', 'application/vnd.geo+json', 'text/html'],
      },
      {
        id: 'custom-map-generator',
        name: 'Personalized Map Generator',
        description: 'Custom map images.',
        tags: ['maps', 'customization', 'visualization', 'cartography'],
        examples: ['Generate a map of my road trip.'],
        inputModes: ['application/json'],
        outputModes: ['image/png', 'image/jpeg', 'application/json', 'text/html'],
      },
    ],
    supportsAuthenticatedExtendedCard: true,
    signatures: [
      { protected: 'eyJhbGciOiJFUzI1NiJ9', signature: 'QFdkNLNszlGj3z3u0YQGt_T9LixY3qtdQ' },
    ],
  };

  it('parses and converts to a valid 1.0 card', () => {
    const converted = expectOk(decodeCard03(card));
    expect(AgentCardSchema.safeParse(converted).success).toBe(true);
    expect(converted.supportedInterfaces).toStrictEqual([
      { url: card.url, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      {
        url: 'https://georoute-agent.example.com/a2a/grpc',
        protocolBinding: 'GRPC',
        protocolVersion: '0.3',
      },
      {
        url: 'https://georoute-agent.example.com/a2a/json',
        protocolBinding: 'HTTP+JSON',
        protocolVersion: '0.3',
      },
    ]);
    expect(converted.capabilities).toStrictEqual({
      streaming: true,
      pushNotifications: true,
      extendedAgentCard: true,
    });
    expect(converted.securitySchemes).toStrictEqual({
      google: {
        openIdConnectSecurityScheme: {
          openIdConnectUrl: card.securitySchemes.google.openIdConnectUrl,
        },
      },
    });
    expect(converted.securityRequirements).toStrictEqual([
      { schemes: { google: { list: ['openid', 'profile', 'email'] } } },
    ]);
  });

  it('fails with 0.3 paths when mutated', () => {
    const { url: _url, ...noUrl } = card;
    expect(fields(decodeCard03(noUrl))).toStrictEqual(['url']);
    const badScheme = { ...card, securitySchemes: { google: { type: 'openid' } } };
    expect(fields(decodeCard03(badScheme))).toStrictEqual(['securitySchemes.google.type']);
    const badSkill = { ...card, skills: [{ ...card.skills[0], tags: 'maps' }] };
    expect(fields(decodeCard03(badSkill))).toStrictEqual(['skills[0].tags']);
    const badInterface = { ...card, additionalInterfaces: [{ url: card.url }] };
    expect(fields(decodeCard03(badInterface))).toStrictEqual(['additionalInterfaces[0].transport']);
  });
});

describe('types.ts examples', () => {
  it('OR-of-AND security requirements map to 1.0', () => {
    const card = expectOk(
      decodeCard03({
        protocolVersion: '0.3.0',
        name: 'a',
        description: '',
        url: 'https://a',
        version: '1',
        capabilities: {},
        defaultInputModes: [],
        defaultOutputModes: [],
        security: [{ oauth: ['read'] }, { 'api-key': [], mtls: [] }],
        skills: [
          { id: 's', name: 's', description: '', tags: [], security: [{ google: ['oidc'] }] },
        ],
      }),
    );
    expect(card.securityRequirements).toStrictEqual([
      { schemes: { oauth: { list: ['read'] } } },
      { schemes: { 'api-key': { list: [] }, mtls: { list: [] } } },
    ]);
    expect(card.skills[0]?.securityRequirements).toStrictEqual([
      { schemes: { google: { list: ['oidc'] } } },
    ]);
    expect(card.supportedInterfaces).toStrictEqual([
      { url: 'https://a', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]);
  });
});
