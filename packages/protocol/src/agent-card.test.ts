import { describe, expect, it } from 'vitest';

import {
  type AgentCard,
  AgentCardSchema,
  AgentExtensionSchema,
  AgentInterfaceSchema,
  AgentSkillSchema,
  PROTOCOL_BINDINGS,
} from './agent-card.js';
import { parseProtocol } from './validation.js';

const fields = (result: { success: boolean; violations?: { field: string }[] }) =>
  result.violations?.map((v) => v.field) ?? [];

const card: AgentCard = {
  name: 'Echo',
  description: 'Repeats what you say',
  supportedInterfaces: [
    { url: 'https://echo.example.com/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1.0.0',
  capabilities: {},
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes', tags: ['echo'] }],
};

const without = (key: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...card };
  delete copy[key];
  return copy;
};

describe('AgentCardSchema', () => {
  it('accepts a minimal card unchanged', () => {
    expect(parseProtocol(AgentCardSchema, card)).toEqual({ success: true, data: card });
  });

  it.each([
    'name',
    'description',
    'supportedInterfaces',
    'version',
    'capabilities',
    'defaultInputModes',
    'defaultOutputModes',
    'skills',
  ])('requires %s', (key) => {
    const result = parseProtocol(AgentCardSchema, without(key));
    expect(result.success ? [] : result.violations).toEqual([
      { field: key, description: 'is required' },
    ]);
  });

  it('needs at least one interface', () => {
    expect(fields(parseProtocol(AgentCardSchema, { ...card, supportedInterfaces: [] }))).toEqual([
      'supportedInterfaces',
    ]);
  });

  it('rejects an empty name or version', () => {
    expect(fields(parseProtocol(AgentCardSchema, { ...card, name: '', version: '' }))).toEqual([
      'name',
      'version',
    ]);
  });

  it('accepts description "" and skills [] as the 8.4.1 example does (A2A.md §11.5)', () => {
    expect(parseProtocol(AgentCardSchema, { ...card, description: '', skills: [] }).success).toBe(
      true,
    );
  });

  it('keeps every optional field', () => {
    const full: AgentCard = {
      ...card,
      provider: { url: 'https://example.com', organization: 'Example' },
      documentationUrl: 'https://docs.example.com',
      iconUrl: 'https://example.com/icon.png',
      capabilities: {
        streaming: true,
        pushNotifications: false,
        extendedAgentCard: true,
        extensions: [{ uri: 'https://ext/v1', description: 'd', required: true, params: { a: 1 } }],
      },
      securitySchemes: { bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } } },
      securityRequirements: [{ schemes: { bearer: { list: [] } } }],
      signatures: [{ protected: 'eyJhbGciOiJFUzI1NiJ9', signature: 'c2ln', header: { kid: 'k1' } }],
    };
    expect(AgentCardSchema.parse(full)).toEqual(full);
  });

  it('reports nested REQUIRED fields with their paths', () => {
    const result = parseProtocol(AgentCardSchema, {
      ...card,
      provider: { url: 'https://example.com' },
      supportedInterfaces: [{ url: 'https://x', protocolVersion: '1.0' }],
      skills: [{ id: 's', name: 'S', tags: [] }],
      signatures: [{ signature: 'x' }],
    });
    expect(fields(result)).toEqual([
      'supportedInterfaces[0].protocolBinding',
      'provider.organization',
      'skills[0].description',
      'signatures[0].protected',
    ]);
  });

  it('reads the proto snake_case names of a card', () => {
    const snake = {
      name: card.name,
      description: card.description,
      supported_interfaces: [
        { url: 'https://x', protocol_binding: 'GRPC', protocol_version: '1.0' },
      ],
      version: card.version,
      capabilities: { push_notifications: true, extended_agent_card: false },
      default_input_modes: ['text/plain'],
      default_output_modes: ['application/json'],
      skills: [{ id: 's', name: 'S', description: 'd', tags: [], input_modes: ['text/plain'] }],
      icon_url: 'https://i',
      documentation_url: 'https://d',
    };
    expect(AgentCardSchema.parse(snake)).toEqual({
      ...card,
      supportedInterfaces: [{ url: 'https://x', protocolBinding: 'GRPC', protocolVersion: '1.0' }],
      capabilities: { pushNotifications: true, extendedAgentCard: false },
      defaultOutputModes: ['application/json'],
      skills: [{ id: 's', name: 'S', description: 'd', tags: [], inputModes: ['text/plain'] }],
      iconUrl: 'https://i',
      documentationUrl: 'https://d',
    });
  });

  it('ignores the 0.3 top-level fields a merged card may carry', () => {
    const merged = {
      ...card,
      protocolVersion: '0.3.0',
      url: 'https://echo.example.com/a2a',
      preferredTransport: 'JSONRPC',
      additionalInterfaces: [],
      supportsAuthenticatedExtendedCard: true,
      security: [{ bearer: [] }],
    };
    expect(AgentCardSchema.parse(merged)).toEqual(card);
  });
});

describe('card parts', () => {
  it('AgentInterface takes any binding string; the spec names three', () => {
    expect(Object.values(PROTOCOL_BINDINGS)).toEqual(['JSONRPC', 'HTTP+JSON', 'GRPC']);
    const custom = {
      url: 'wss://x',
      protocolBinding: 'https://example.com/bindings/ws/v1',
      protocolVersion: '1.0',
    };
    expect(AgentInterfaceSchema.parse(custom)).toEqual(custom);
    expect(AgentInterfaceSchema.parse({ ...custom, tenant: 'acme' })).toEqual({
      ...custom,
      tenant: 'acme',
    });
  });

  it('AgentSkill requires id, name, description and tags', () => {
    expect(fields(parseProtocol(AgentSkillSchema, {}))).toEqual([
      'id',
      'name',
      'description',
      'tags',
    ]);
  });

  it('AgentExtension needs a uri and keeps params as sent', () => {
    expect(fields(parseProtocol(AgentExtensionSchema, { required: true }))).toEqual(['uri']);
    expect(AgentExtensionSchema.parse({ uri: 'u', params: { snake_key: 1 } })).toEqual({
      uri: 'u',
      params: { snake_key: 1 },
    });
  });
});
