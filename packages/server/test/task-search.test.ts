import { BATON_URIS, type JsonRpcResponse, type ListTasksResponse } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import {
  type AgentExecutor,
  type BatonStore,
  createInMemoryStore,
  createJsonRpcDispatcher,
  MAX_TASK_QUERY_LENGTH,
  silentLogger,
} from '../src/index.js';
import { handlerWith, userMessage } from './helpers.js';

/** Answers with an artifact naming the city; "hold" tasks stay input-required. */
const executor: AgentExecutor = {
  async execute(context, events) {
    const text = context.message.parts[0]?.text ?? '';
    await events.addArtifact({ parts: [{ text: `weather report for ${text}` }] });
    if (text.startsWith('hold')) await events.requireInput('which day?');
    else await events.complete();
  },
};

async function rpcList(
  dispatcher: ReturnType<typeof createJsonRpcDispatcher>,
  params: Record<string, unknown>,
): Promise<JsonRpcResponse> {
  const result = await dispatcher.dispatch(
    { jsonrpc: '2.0', id: 1, method: 'ListTasks', params },
    { protocolVersion: '1.0' },
  );
  if (result.kind !== 'response') throw new Error('expected a response');
  return result.body;
}

describe('task search (ListTasks query)', () => {
  it('filters by text, with the other filters, from the handler and over JSON-RPC', async () => {
    const handler = handlerWith(executor);
    await handler.sendMessage({ message: userMessage('Reykjavík', { contextId: 'north' }) });
    await handler.sendMessage({ message: userMessage('hold Reykjavík', { contextId: 'north' }) });
    await handler.sendMessage({ message: userMessage('Lisbon', { contextId: 'south' }) });
    expect((await handler.listTasks({ query: 'REYKJAV' })).totalSize).toBe(2);
    expect((await handler.listTasks({ query: 'weather report' })).totalSize).toBe(3);
    const interrupted = await handler.listTasks({
      query: 'reykjav',
      status: 'TASK_STATE_INPUT_REQUIRED',
    });
    expect(interrupted.tasks.map((t) => t.history?.[0]?.parts[0]?.text)).toEqual([
      'hold Reykjavík',
    ]);
    expect((await handler.listTasks({ query: 'lisbon', contextId: 'north' })).totalSize).toBe(0);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await handler.listTasks({ query: 'lisbon', statusTimestampAfter: future })).totalSize,
    ).toBe(0);
    expect((await handler.listTasks({ query: '' })).totalSize).toBe(3);

    const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
    const body = await rpcList(dispatcher, { query: 'lisbon' });
    const result = (body as { result: ListTasksResponse }).result;
    expect(result.tasks.map((t) => t.contextId)).toEqual(['south']);
    const invalid = await rpcList(dispatcher, { query: 42 });
    expect((invalid as { error: { code: number } }).error.code).toBe(-32602);
    const long = await rpcList(dispatcher, { query: 'x'.repeat(MAX_TASK_QUERY_LENGTH + 1) });
    expect((long as { error: { code: number } }).error.code).toBe(-32602);
    await handler.close();
  });

  it('declares the extension in the card only when the store can search', async () => {
    const searchable = handlerWith(executor);
    expect(searchable.agentCard.capabilities.extensions).toContainEqual(
      expect.objectContaining({ uri: BATON_URIS.taskSearch }),
    );
    await searchable.close();

    const store = createInMemoryStore();
    const { tasks } = store;
    const blind: BatonStore = {
      ...store,
      tasks: {
        get: (scope, id) => tasks.get(scope, id),
        list: (scope, query) => tasks.list(scope, query),
        listUnfinished: (limit) => tasks.listUnfinished(limit),
        purge: (before) => tasks.purge(before),
        supportsTextSearch: false,
      },
    };
    const handler = handlerWith(executor, { store: blind });
    expect(handler.agentCard.capabilities.extensions ?? []).not.toContainEqual(
      expect.objectContaining({ uri: BATON_URIS.taskSearch }),
    );
    await expect(handler.listTasks({ query: 'x' })).rejects.toMatchObject({
      reason: 'UNSUPPORTED_OPERATION',
    });
    await handler.close();
  });
});
