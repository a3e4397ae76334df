import { z } from 'zod';

import { type Part, PartSchema } from './part.js';
import { type JsonObject, protoMessage, requiredString, struct } from './proto-json.js';
import { type Role, RoleSchema } from './task-state.js';

/** One communication turn between a client and an agent (spec §4.1.4 Message). */
export const MessageSchema = protoMessage({
  messageId: requiredString,
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  role: RoleSchema.refine((role) => role !== 'ROLE_UNSPECIFIED', 'must be ROLE_USER or ROLE_AGENT'),
  parts: z.array(PartSchema).min(1, 'a message needs at least one part'),
  metadata: struct.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
}) as unknown as z.ZodType<Message, unknown>;

/** One communication turn between a client and an agent (spec §4.1.4 Message). */
export interface Message {
  messageId: string;
  contextId?: string | undefined;
  taskId?: string | undefined;
  role: Role;
  parts: Part[];
  metadata?: JsonObject | undefined;
  extensions?: string[] | undefined;
  referenceTaskIds?: string[] | undefined;
}

/** An output of a task (spec §4.1.7 Artifact). */
export const ArtifactSchema = protoMessage({
  artifactId: requiredString,
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(PartSchema).min(1, 'an artifact needs at least one part'),
  metadata: struct.optional(),
  extensions: z.array(z.string()).optional(),
}) as unknown as z.ZodType<Artifact, unknown>;

/** An output of a task (spec §4.1.7 Artifact). */
export interface Artifact {
  artifactId: string;
  name?: string | undefined;
  description?: string | undefined;
  parts: Part[];
  metadata?: JsonObject | undefined;
  extensions?: string[] | undefined;
}
