import { type Message, type Part } from '@baton/protocol';

/**
 * What the convenience helpers accept as a message: plain text, a list of parts, or a message
 * without the fields the client can fill in (`messageId`, `role`).
 */
export type MessageInput =
  | string
  | Part[]
  | (Omit<Message, 'messageId' | 'role'> & Partial<Pick<Message, 'messageId' | 'role'>>);

/** Where a message goes: continue a task or a conversation. */
export interface MessageTarget {
  /** Continue this task (input-required, or a multi-turn task). */
  taskId?: string | undefined;
  /** Stay in this conversation. */
  contextId?: string | undefined;
  /** Tasks this message refers to. */
  referenceTaskIds?: string[] | undefined;
}

/**
 * Builds a user message with a fresh `messageId`.
 * @example
 * await client.sendMessage({ message: userMessage('Translate to French: hello') });
 * await client.sendMessage({ message: userMessage('yes', { taskId, contextId }) });
 */
export function userMessage(input: MessageInput, target: MessageTarget = {}): Message {
  const base: Message =
    typeof input === 'string'
      ? { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text: input }] }
      : Array.isArray(input)
        ? { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: input }
        : {
            ...input,
            messageId: input.messageId ?? crypto.randomUUID(),
            role: input.role ?? 'ROLE_USER',
          };
  const message: Message = { ...base };
  if (target.taskId !== undefined) message.taskId = target.taskId;
  if (target.contextId !== undefined) message.contextId = target.contextId;
  if (target.referenceTaskIds !== undefined) message.referenceTaskIds = target.referenceTaskIds;
  return message;
}
