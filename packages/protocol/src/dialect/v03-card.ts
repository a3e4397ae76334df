import { z } from 'zod';

import {
  type AgentCard,
  AgentCardSchema,
  AgentCardSignatureSchema,
  AgentExtensionSchema,
  type AgentInterface,
  AgentProviderSchema,
  type AgentSkill,
  PROTOCOL_BINDINGS,
} from '../agent-card.js';
import { requiredString } from '../proto-json.js';
import { type SecurityScheme } from '../security.js';
import { parseProtocol, type ParseResult } from '../validation.js';
import { compact, isJsonObject, mapOptional, mapRecord } from './v03-common.js';
import {
  type SecurityRequirement03,
  SecurityRequirement03Schema,
  securityRequirementFrom03,
  securityRequirementTo03,
  type SecurityScheme03,
  SecurityScheme03Schema,
  securitySchemeFrom03,
  securitySchemeTo03,
} from './v03-security.js';

/** The `protocolVersion` of a 0.3 interface in a 1.0 card's `supportedInterfaces`. */
export const PROTOCOL_VERSION_03 = '0.3';
/** The `protocolVersion` a 0.3 agent card carries at its top level. */
export const CARD_PROTOCOL_VERSION_03 = '0.3.0';

/** An endpoint of a 0.3 agent: URL and transport (spec 0.3 §5.5.5 AgentInterface). */
export const AgentInterface03Schema = z.object({ url: requiredString, transport: requiredString });
/** An endpoint of a 0.3 agent (spec 0.3 §5.5.5 AgentInterface). */
export type AgentInterface03 = z.infer<typeof AgentInterface03Schema>;

/** Optional features of a 0.3 agent (spec 0.3 §5.5.2 AgentCapabilities). */
export const AgentCapabilities03Schema = z.object({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  stateTransitionHistory: z.boolean().optional(),
  extensions: z.array(AgentExtensionSchema).optional(),
});
/** Optional features of a 0.3 agent (spec 0.3 §5.5.2 AgentCapabilities). */
export type AgentCapabilities03 = z.infer<typeof AgentCapabilities03Schema>;

/** One thing a 0.3 agent can do; `security` is OpenAPI style (spec 0.3 §5.5.4 AgentSkill). */
export const AgentSkill03Schema = z.object({
  id: requiredString,
  name: requiredString,
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  security: z.array(SecurityRequirement03Schema).optional(),
});
/** One thing a 0.3 agent can do (spec 0.3 §5.5.4 AgentSkill). */
export type AgentSkill03 = z.infer<typeof AgentSkill03Schema>;

/** A 0.3 agent card: one `url` + `preferredTransport`, OpenAPI security (spec 0.3 §5.5). */
export const AgentCard03Schema = z.object({
  protocolVersion: z.string(),
  name: requiredString,
  description: z.string(),
  url: requiredString,
  preferredTransport: requiredString.optional(),
  additionalInterfaces: z.array(AgentInterface03Schema).optional(),
  iconUrl: z.string().optional(),
  provider: AgentProviderSchema.optional(),
  version: requiredString,
  documentationUrl: z.string().optional(),
  capabilities: AgentCapabilities03Schema,
  securitySchemes: z.record(z.string(), SecurityScheme03Schema).optional(),
  security: z.array(SecurityRequirement03Schema).optional(),
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(AgentSkill03Schema),
  supportsAuthenticatedExtendedCard: z.boolean().optional(),
  signatures: z.array(AgentCardSignatureSchema).optional(),
});
/** A 0.3 agent card (spec 0.3 §5.5 AgentCard). */
export type AgentCard03 = z.infer<typeof AgentCard03Schema>;

/** Is this interface served with protocol 0.3 (`0.3` or a `0.3.x` patch)? */
export function isInterface03(agentInterface: AgentInterface): boolean {
  return /^0\.3(\.\d+)?$/.test(agentInterface.protocolVersion.trim());
}

/**
 * Tells a fetched card's version apart: true for a 0.3 card (top-level `url`, no
 * `supportedInterfaces`), false for a 1.0 card, including one carrying legacy 0.3 fields.
 */
export function isCard03(json: unknown): boolean {
  if (!isJsonObject(json) || Array.isArray(json.supportedInterfaces)) return false;
  return typeof json.url === 'string' || typeof json.protocolVersion === 'string';
}

/** A 1.0 interface as a 0.3 `{url, transport}`; `tenant` and `protocolVersion` are lost. */
export function interfaceTo03(agentInterface: AgentInterface): AgentInterface03 {
  return { url: agentInterface.url, transport: agentInterface.protocolBinding };
}

/** A 0.3 `{url, transport}` as a 1.0 interface with protocolVersion `0.3`. */
export function interfaceFrom03(agentInterface: AgentInterface03): AgentInterface {
  return {
    url: agentInterface.url,
    protocolBinding: agentInterface.transport,
    protocolVersion: PROTOCOL_VERSION_03,
  };
}

function skillTo03(skill: AgentSkill): AgentSkill03 {
  const { securityRequirements, ...rest } = skill;
  return compact({ ...rest, security: mapOptional(securityRequirements, securityRequirementTo03) });
}

function skillFrom03(skill: AgentSkill03): AgentSkill {
  const { security, ...rest } = skill;
  return compact({
    ...rest,
    securityRequirements: mapOptional(security, securityRequirementFrom03),
  });
}

/** The interfaces a 0.3 card describes: the 0.3 ones, or every one when none is 0.3. */
function interfacesFor03(card: AgentCard): AgentInterface[] {
  const legacy = card.supportedInterfaces.filter(isInterface03);
  return legacy.length > 0 ? legacy : card.supportedInterfaces;
}

/**
 * A 1.0 card as a full 0.3 card. `url` and `preferredTransport` come from the first 0.3 interface
 * (or the first interface when none is 0.3); `additionalInterfaces` lists all of those, the main
 * one included as 0.3 recommends. Interface tenants, `pkceRequired` and deviceCode flows are lost.
 */
export function cardTo03(card: AgentCard): AgentCard03 {
  const interfaces = interfacesFor03(card);
  const main = interfaces[0] ?? card.supportedInterfaces[0];
  const { extendedAgentCard, ...capabilities } = card.capabilities;
  return compact<AgentCard03>({
    protocolVersion: CARD_PROTOCOL_VERSION_03,
    name: card.name,
    description: card.description,
    url: main?.url ?? '',
    preferredTransport: main?.protocolBinding ?? PROTOCOL_BINDINGS.jsonRpc,
    additionalInterfaces: interfaces.map(interfaceTo03),
    iconUrl: card.iconUrl,
    provider: card.provider,
    version: card.version,
    documentationUrl: card.documentationUrl,
    capabilities: compact(capabilities),
    securitySchemes: mapRecord(card.securitySchemes, securitySchemeTo03),
    security: mapOptional(card.securityRequirements, securityRequirementTo03),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(skillTo03),
    supportsAuthenticatedExtendedCard: extendedAgentCard,
    signatures: card.signatures,
  });
}

/**
 * A 0.3 card as a 1.0 card. `supportedInterfaces` is `url` + `preferredTransport` (default
 * JSONRPC) followed by `additionalInterfaces`, duplicates removed, all with protocolVersion `0.3`.
 * `stateTransitionHistory` is dropped; an oauth2 scheme without flows is left out.
 */
export function cardFrom03(card: AgentCard03): AgentCard {
  const candidates: AgentInterface03[] = [
    { url: card.url, transport: card.preferredTransport ?? PROTOCOL_BINDINGS.jsonRpc },
    ...(card.additionalInterfaces ?? []),
  ];
  const seen = new Set<string>();
  const supportedInterfaces = candidates
    .filter(({ url, transport }) => {
      const key = JSON.stringify([url, transport]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(interfaceFrom03);
  const { stateTransitionHistory: _history, ...capabilities } = card.capabilities;
  return compact<AgentCard>({
    name: card.name,
    description: card.description,
    supportedInterfaces,
    provider: card.provider,
    version: card.version,
    documentationUrl: card.documentationUrl,
    capabilities: compact({
      ...capabilities,
      extendedAgentCard: card.supportsAuthenticatedExtendedCard,
    }),
    securitySchemes: mapRecord(card.securitySchemes, securitySchemeFrom03),
    securityRequirements: mapOptional(card.security, securityRequirementFrom03),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(skillFrom03),
    signatures: card.signatures,
    iconUrl: card.iconUrl,
  });
}

/** Validates a 0.3 card (paths in 0.3 names) and converts it to a 1.0 card. */
export function decodeCard03(json: unknown): ParseResult<AgentCard> {
  const parsed = parseProtocol(AgentCard03Schema, json);
  return parsed.success ? { success: true, data: cardFrom03(parsed.data) } : parsed;
}

/**
 * Reads a fetched agent card of either version as a 1.0 card, sniffing with {@link isCard03}.
 * @example
 * const card = decodeAgentCardAnyVersion(await (await fetch(cardUrl)).json());
 */
export function decodeAgentCardAnyVersion(json: unknown): ParseResult<AgentCard> {
  return isCard03(json) ? decodeCard03(json) : parseProtocol(AgentCardSchema, json);
}

/** A 1.0 card that also carries the 0.3 top-level fields (see {@link withLegacyCardFields}). */
export type AgentCardWithLegacyFields = Omit<AgentCard, 'securitySchemes' | 'skills'> &
  Pick<
    AgentCard03,
    | 'protocolVersion'
    | 'url'
    | 'preferredTransport'
    | 'additionalInterfaces'
    | 'supportsAuthenticatedExtendedCard'
    | 'security'
  > & {
    securitySchemes?: Record<string, SecurityScheme & SecurityScheme03> | undefined;
    skills: (AgentSkill & { security?: SecurityRequirement03[] | undefined })[];
  };

/**
 * The card to serve at the well-known path: the 1.0 card unchanged, or, only when an interface
 * with protocolVersion 0.3 is declared, the 1.0 card plus the 0.3 top-level fields so 0.3
 * clients can read it (A2A.md §7). Each security scheme then carries both forms: the 1.0 oneof
 * member and the 0.3 `type` members side by side; skills carry `security` next to
 * `securityRequirements`.
 */
export function withLegacyCardFields(card: AgentCard): AgentCard | AgentCardWithLegacyFields {
  if (!card.supportedInterfaces.some(isInterface03)) return card;
  const legacy = cardTo03(card);
  const securitySchemes =
    card.securitySchemes === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(card.securitySchemes).map(([name, scheme]) => [
            name,
            { ...scheme, ...securitySchemeTo03(scheme) },
          ]),
        );
  return compact<AgentCardWithLegacyFields>({
    ...card,
    protocolVersion: legacy.protocolVersion,
    url: legacy.url,
    preferredTransport: legacy.preferredTransport,
    additionalInterfaces: legacy.additionalInterfaces,
    supportsAuthenticatedExtendedCard: legacy.supportsAuthenticatedExtendedCard,
    security: legacy.security,
    securitySchemes,
    skills: card.skills.map((skill, index) =>
      compact({ ...skill, security: legacy.skills[index]?.security }),
    ),
  });
}
