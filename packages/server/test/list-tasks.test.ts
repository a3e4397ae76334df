import { describe, expect, it } from 'vitest';

import { type AgentExecutor, createInMemoryStore } from '../src/index.js';
import { handlerWith, userMessage } from './helpers.js';
import { allTargets, errorOf } from './targets.js';

/** Completes, or stays input-required when the text says so. */
const executor: AgentExecutor = {
  async execute(context, events) {
    await events.addArtifact({ parts: [{ text: 'out' }] });
    if (context.message.parts[0]?.text === 'open') await events.requireInput('more?');
    else await events.complete();
  },
};

describe('ListTasks', () => {
  it('pages through every task with a cursor, newest status first, ending with an empty token', async () => {
    let clock = Date.parse('2025-01-01T00:00:00.000Z');
    const store = createInMemoryStore({ now: () => new Date((clock += 1000)) });
    const handler = handlerWith(executor, { store });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { task } = await handler.sendMessage({ message: userMessage(`t${i}`) });
      ids.push(task!.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const [viaHandler, viaRpc] = allTargets(handler);
    for (const target of [viaHandler!, viaRpc!]) {
      const seen: string[] = [];
      let pageToken: string | undefined;
      const sizes: number[] = [];
      do {
        const page = await target.call('ListTasks', {
          pageSize: 3,
          ...(pageToken && { pageToken }),
        });
        expect(page.totalSize).toBe(7);
        sizes.push(page.pageSize);
        seen.push(...page.tasks.map((t) => t.id));
        pageToken = page.nextPageToken || undefined;
        if (!pageToken) expect(page.nextPageToken).toBe('');
      } while (pageToken);
      expect(sizes).toEqual([3, 3, 1]);
      expect(seen).toEqual([...ids].reverse());
    }
    await handler.close();
  });

  it('filters by context, state and status timestamp; artifacts only when asked', async () => {
    const handler = handlerWith(executor);
    await handler.sendMessage({ message: userMessage('a', { contextId: 'ctx-1' }) });
    await handler.sendMessage({ message: userMessage('open', { contextId: 'ctx-1' }) });
    await handler.sendMessage({ message: userMessage('b', { contextId: 'ctx-2' }) });
    expect((await handler.listTasks({ contextId: 'ctx-1' })).totalSize).toBe(2);
    const open = await handler.listTasks({ status: 'TASK_STATE_INPUT_REQUIRED' });
    expect(open.tasks.map((t) => t.history?.[0]?.parts[0]?.text)).toEqual(['open']);
    expect((await handler.listTasks({ status: 'TASK_STATE_UNSPECIFIED' })).totalSize).toBe(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await handler.listTasks({ statusTimestampAfter: future })).totalSize).toBe(0);
    expect(
      (await handler.listTasks({ statusTimestampAfter: '2000-01-01T00:00:00Z' })).totalSize,
    ).toBe(3);
    const plain = await handler.listTasks({});
    expect(plain.tasks.every((t) => !('artifacts' in t))).toBe(true);
    const full = await handler.listTasks({ includeArtifacts: true });
    expect(full.tasks.every((t) => t.artifacts?.length === 1)).toBe(true);
    await handler.close();
  });

  it('refuses a bad page size or page token', async () => {
    const handler = handlerWith(executor);
    for (const pageSize of [0, 101, 2.5]) {
      expect((await errorOf(handler.listTasks({ pageSize }))).code).toBe(-32602);
    }
    expect((await errorOf(handler.listTasks({ pageToken: 'garbage' }))).code).toBe(-32602);
    const rpc = allTargets(handler)[1]!;
    expect((await errorOf(rpc.call('ListTasks', { pageSize: 500 }))).code).toBe(-32602);
    expect((await errorOf(rpc.call('ListTasks', { status: 'NOT_A_STATE' as never }))).code).toBe(
      -32602,
    );
    await handler.close();
  });
});
