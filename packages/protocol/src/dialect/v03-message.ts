import { z } from 'zod';

import { type Artifact, type Message } from '../message.js';
import { requiredString, struct } from '../proto-json.js';
import { compact, withKind } from './v03-common.js';
import { Role03Schema, roleFrom03, roleTo03 } from './v03-enums.js';
import { Part03Schema, partFrom03, partTo03 } from './v03-parts.js';

/** The 0.3 Message object with its `kind` required; used inside discriminated unions. */
export const Message03Object = z.object({
  kind: z.literal('message'),
  messageId: requiredString,
  role: Role03Schema,
  parts: z.array(Part03Schema).min(1, 'a message needs at least one part'),
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  metadata: struct.optional(),
  extensions: z.array(z.string()).optional(),
  referenceTaskIds: z.array(z.string()).optional(),
});

/**
 * One communication turn in 0.3 JSON (spec 0.3 §6.4 Message). A missing `kind` is accepted, as
 * in the spec's own examples; it is always emitted.
 */
export const Message03Schema = withKind('message', Message03Object);
/** One communication turn in 0.3 JSON (spec 0.3 §6.4 Message). */
export type Message03 = z.infer<typeof Message03Object>;

/** An output of a task in 0.3 JSON (spec 0.3 §6.7 Artifact). */
export const Artifact03Schema = z.object({
  artifactId: requiredString,
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(Part03Schema).min(1, 'an artifact needs at least one part'),
  metadata: struct.optional(),
  extensions: z.array(z.string()).optional(),
});
/** An output of a task in 0.3 JSON (spec 0.3 §6.7 Artifact). */
export type Artifact03 = z.infer<typeof Artifact03Schema>;

/** A 1.0 message as 0.3 JSON, with `kind: 'message'` and the role as `user` / `agent`. */
export function messageTo03(message: Message): Message03 {
  // Optional members are added only when set (what `compact` did, without its copy): the 0.3
  // stream encodes every event through here.
  const out: Message03 = {
    kind: 'message',
    messageId: message.messageId,
    role: roleTo03(message.role),
    parts: message.parts.map(partTo03),
  };
  if (message.contextId !== undefined) out.contextId = message.contextId;
  if (message.taskId !== undefined) out.taskId = message.taskId;
  if (message.metadata !== undefined) out.metadata = message.metadata;
  if (message.extensions !== undefined) out.extensions = message.extensions;
  if (message.referenceTaskIds !== undefined) out.referenceTaskIds = message.referenceTaskIds;
  return out;
}

/** A 0.3 message as a 1.0 message. */
export function messageFrom03(message: Message03): Message {
  // The 1.0 key order (optional ids before the role) is kept: it reaches the 1.0 wire.
  const out = { messageId: message.messageId } as Message;
  if (message.contextId !== undefined) out.contextId = message.contextId;
  if (message.taskId !== undefined) out.taskId = message.taskId;
  out.role = roleFrom03(message.role);
  out.parts = message.parts.map(partFrom03);
  if (message.metadata !== undefined) out.metadata = message.metadata;
  if (message.extensions !== undefined) out.extensions = message.extensions;
  if (message.referenceTaskIds !== undefined) out.referenceTaskIds = message.referenceTaskIds;
  return out;
}

/** A 1.0 artifact as 0.3 JSON: the same fields with 0.3 parts. */
export function artifactTo03(artifact: Artifact): Artifact03 {
  const out = { artifactId: artifact.artifactId } as Artifact03;
  if (artifact.name !== undefined) out.name = artifact.name;
  if (artifact.description !== undefined) out.description = artifact.description;
  out.parts = artifact.parts.map(partTo03);
  if (artifact.metadata !== undefined) out.metadata = artifact.metadata;
  if (artifact.extensions !== undefined) out.extensions = artifact.extensions;
  return out;
}

/** A 0.3 artifact as a 1.0 artifact. */
export function artifactFrom03(artifact: Artifact03): Artifact {
  return compact<Artifact>({
    artifactId: artifact.artifactId,
    name: artifact.name,
    description: artifact.description,
    parts: artifact.parts.map(partFrom03),
    metadata: artifact.metadata,
    extensions: artifact.extensions,
  });
}
