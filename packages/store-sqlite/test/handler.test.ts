import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor, createRequestHandler, silentLogger } from '@baton/server';
import { describe, expect, it } from 'vitest';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

const agentCard: AgentCard = {
  name: 'SQLite test agent',
  description: 'Echoes into a SQLite store',
  supportedInterfaces: [
    { url: 'http://localhost/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes', tags: ['test'] }],
};

const executor: AgentExecutor = {
  async execute(context, events) {
    await events.working();
    const text = context.message.parts.map((part) => part.text ?? '').join('');
    await events.addArtifact({ name: 'echo', parts: [{ text: `echo: ${text}` }] });
    await events.complete();
  },
};

describe('the request handler on the SQLite store', () => {
  it('keeps tasks across a restart, fails tasks left working, and searches them', async () => {
    const path = tempDatabase();
    const first = createSqliteStore({ path });
    const handler = createRequestHandler({
      agentCard,
      executor,
      store: first,
      logger: silentLogger,
    });
    const message = { messageId: 'm-1', role: 'ROLE_USER' as const, parts: [{ text: 'Zanzibar' }] };
    const response = await handler.sendMessage({ message });
    const task = response.task!;
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    await handler.close();
    await first.close();

    // A task a killed process left working, written straight to the file.
    const orphan = createSqliteStore({ path });
    const status = { state: 'TASK_STATE_WORKING' as const, timestamp: new Date().toISOString() };
    const { owner } = (await orphan.tasks.get({ tenant: '' }, task.id))!;
    const orphanTask = { id: 'orphan-task', contextId: 'orphan-context', status };
    await orphan.events.create({ tenant: '', owner }, orphanTask);
    await orphan.close();

    const second = createSqliteStore({ path });
    const restarted = createRequestHandler({
      agentCard,
      executor,
      store: second,
      logger: silentLogger,
    });
    await restarted.ready;
    const failed = await second.tasks.get({ tenant: '' }, 'orphan-task');
    expect(failed?.task.status.state).toBe('TASK_STATE_FAILED');
    expect(await restarted.getTask({ id: task.id })).toEqual(task);
    const listed = await restarted.listTasks({ query: 'echo: zanzi', includeArtifacts: true });
    expect(listed.tasks.map((t) => t.id)).toEqual([task.id]);
    expect((await restarted.listTasks({ query: 'Kathmandu' })).tasks).toEqual([]);
    await restarted.close();
    await second.close();
  });
});
