import { type Message, type Part, type Task } from '@baton/protocol';
import { type StoredTask } from '@baton/server';

import { type TaskSummary } from '../shared/api-types.js';

const MAX_TEXT = 160;

function partText(part: Part): string {
  if (part.text !== undefined) return part.text;
  if (part.data !== undefined) return '[data]';
  return `[file${part.filename ? ` ${part.filename}` : ''}]`;
}

/** The readable text of a message, on one line and shortened. */
export function messageText(message: Message | undefined): string {
  if (!message) return '';
  const text = message.parts.map(partText).join(' ').replace(/\s+/g, ' ').trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The status time a listing sorts on: the status timestamp, else the store's `updatedAt`. */
export function statusTimeOf(stored: StoredTask): string {
  const status = stored.task.status.timestamp;
  return status && !Number.isNaN(Date.parse(status)) ? status : stored.updatedAt;
}

function lastMessage(task: Task): Message | undefined {
  return task.status.message ?? task.history?.at(-1);
}

/** The row the tasks table shows for a stored task. */
export function summarize(stored: StoredTask, agent: string | undefined): TaskSummary {
  const { task } = stored;
  return {
    id: task.id,
    contextId: task.contextId ?? '',
    state: task.status.state,
    agent,
    tenant: stored.tenant,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    statusTime: statusTimeOf(stored),
    lastMessage: messageText(lastMessage(task)),
    artifactCount: task.artifacts?.length ?? 0,
    historyCount: task.history?.length ?? 0,
  };
}
