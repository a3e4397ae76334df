import { InvalidAgentResponseError, type Message } from '@baton/protocol';

import { type MessageInput } from './agent-executor.js';
import { withMembers } from './with-members.js';

/** Where an agent message goes: its context, its task (absent for a direct reply). */
export interface MessageTarget {
  contextId: string;
  taskId?: string | undefined;
  newId: () => string;
}

/**
 * Turns what an executor wrote (text, parts, or a message without ids) into a full agent message
 * addressed to `target`. A message that names another task or context is refused.
 */
export function toAgentMessage(input: MessageInput, target: MessageTarget): Message {
  if (typeof input === 'string') {
    return address(
      { messageId: target.newId(), role: 'ROLE_AGENT', parts: [{ text: input }] },
      target,
    );
  }
  if (Array.isArray(input)) {
    return address({ messageId: target.newId(), role: 'ROLE_AGENT', parts: input }, target);
  }
  if (input === null || typeof input !== 'object') {
    throw new InvalidAgentResponseError('A message must be text, an array of parts or an object');
  }
  const named = input as Partial<Message>;
  if (named.taskId !== undefined && named.taskId !== target.taskId) {
    throw new InvalidAgentResponseError(
      `The message is for task ${named.taskId}, not for ${target.taskId ?? 'a direct reply'}`,
    );
  }
  if (named.contextId !== undefined && named.contextId !== target.contextId) {
    throw new InvalidAgentResponseError(
      `The message is for context ${named.contextId}, not for ${target.contextId}`,
    );
  }
  return address(
    withMembers(input, {
      messageId: input.messageId || target.newId(),
      role: input.role ?? 'ROLE_AGENT',
    }),
    target,
  );
}

function address(message: Message, target: MessageTarget): Message {
  const addressed: Message = withMembers(message, { contextId: target.contextId });
  if (target.taskId !== undefined) addressed.taskId = target.taskId;
  else delete addressed.taskId;
  return addressed;
}
