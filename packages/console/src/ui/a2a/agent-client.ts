import { A2AClient, type ClientOptions, userMessage } from '@baton/client';
import { type Task } from '@baton/protocol';

import { type TaskSummary } from '../../shared/api-types.js';
import { relayFetch } from './relay-fetch.js';

const clients = new Map<string, Promise<A2AClient>>();

/** A client for an agent URL, through the relay; built once per URL. */
export function clientFor(url: string, options: ClientOptions = {}): Promise<A2AClient> {
  let client = clients.get(url);
  if (!client) {
    client = A2AClient.connect(url, { fetch: relayFetch, cardCache: false, ...options });
    clients.set(url, client);
    client.catch(() => clients.delete(url));
  }
  return client;
}

/** Cancels a task at its agent (CancelTask). */
export async function cancelTask(agentUrl: string, taskId: string): Promise<Task> {
  return (await clientFor(agentUrl)).cancelTask({ id: taskId });
}

/** Answers a task that waits for input: a message on the same task, returned at once. */
export async function answerTask(
  agentUrl: string,
  task: Pick<Task, 'id' | 'contextId'>,
  text: string,
) {
  const client = await clientFor(agentUrl);
  return client.sendMessage({
    message: userMessage(text, { taskId: task.id, contextId: task.contextId }),
    configuration: { returnImmediately: true },
  });
}

/** The row the tasks table shows for a task read from an agent over A2A. */
export function summarizeTask(task: Task, agent: string): TaskSummary {
  const message = task.status.message ?? task.history?.at(-1);
  const text = (message?.parts ?? [])
    .map((p) => p.text ?? (p.data !== undefined ? '[data]' : '[file]'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
  const time = task.status.timestamp ?? '';
  return {
    id: task.id,
    contextId: task.contextId ?? '',
    state: task.status.state,
    agent,
    tenant: '',
    createdAt: '',
    updatedAt: time,
    statusTime: time,
    lastMessage: text,
    artifactCount: task.artifacts?.length ?? 0,
    historyCount: task.history?.length ?? 0,
  };
}
