import { z } from 'zod';

import { protoMessage, requiredString, struct } from './proto-json.js';
import { SecurityRequirementSchema, SecuritySchemeSchema } from './security.js';

/** The protocol bindings the spec names; custom bindings SHOULD be URIs. */
export const PROTOCOL_BINDINGS = {
  jsonRpc: 'JSONRPC',
  httpJson: 'HTTP+JSON',
  grpc: 'GRPC',
} as const;

/** One endpoint of an agent: URL, binding and protocol version (spec §4.4.6 AgentInterface). */
export const AgentInterfaceSchema = protoMessage({
  url: requiredString,
  protocolBinding: requiredString,
  tenant: z.string().optional(),
  protocolVersion: requiredString,
});
/** One endpoint of an agent (spec §4.4.6 AgentInterface). */
export type AgentInterface = z.infer<typeof AgentInterfaceSchema>;

/** Who provides the agent (spec §4.4.2 AgentProvider). */
export const AgentProviderSchema = protoMessage({
  url: requiredString,
  organization: requiredString,
});
/** Who provides the agent (spec §4.4.2 AgentProvider). */
export type AgentProvider = z.infer<typeof AgentProviderSchema>;

/** A protocol extension the agent supports (spec §4.4.4 AgentExtension). */
export const AgentExtensionSchema = protoMessage({
  uri: requiredString,
  description: z.string().optional(),
  required: z.boolean().optional(),
  params: struct.optional(),
});
/** A protocol extension the agent supports (spec §4.4.4 AgentExtension). */
export type AgentExtension = z.infer<typeof AgentExtensionSchema>;

/** Optional features the agent offers; absent means false (spec §4.4.3 AgentCapabilities). */
export const AgentCapabilitiesSchema = protoMessage({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  extensions: z.array(AgentExtensionSchema).optional(),
  extendedAgentCard: z.boolean().optional(),
});
/** Optional features the agent offers (spec §4.4.3 AgentCapabilities). */
export type AgentCapabilities = z.infer<typeof AgentCapabilitiesSchema>;

/** One thing the agent can do (spec §4.4.5 AgentSkill). */
export const AgentSkillSchema = protoMessage({
  id: requiredString,
  name: requiredString,
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  securityRequirements: z.array(SecurityRequirementSchema).optional(),
});
/** One thing the agent can do (spec §4.4.5 AgentSkill). */
export type AgentSkill = z.infer<typeof AgentSkillSchema>;

/** A JWS signature over the card's JCS canonical form (spec §4.4.7 AgentCardSignature). */
export const AgentCardSignatureSchema = protoMessage({
  protected: requiredString,
  signature: requiredString,
  header: struct.optional(),
});
/** A JWS signature over the card (spec §4.4.7 AgentCardSignature). */
export type AgentCardSignature = z.infer<typeof AgentCardSignatureSchema>;

/** An agent's self-description (spec §4.4.1 AgentCard, protocol 1.0). */
export const AgentCardSchema = protoMessage({
  name: requiredString,
  description: z.string(),
  supportedInterfaces: z
    .array(AgentInterfaceSchema)
    .min(1, 'an agent card needs at least one interface'),
  provider: AgentProviderSchema.optional(),
  version: requiredString,
  documentationUrl: z.string().optional(),
  capabilities: AgentCapabilitiesSchema,
  securitySchemes: z.record(z.string(), SecuritySchemeSchema).optional(),
  securityRequirements: z.array(SecurityRequirementSchema).optional(),
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(AgentSkillSchema),
  signatures: z.array(AgentCardSignatureSchema).optional(),
  iconUrl: z.string().optional(),
});
/** An agent's self-description (spec §4.4.1 AgentCard, protocol 1.0). */
export type AgentCard = z.infer<typeof AgentCardSchema>;
