import { A2AClient, userMessage } from '@baton/client';
import { type AgentExecutor, type BatonStore } from '@baton/server';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { slowAgentCard } from '../src/durable/slow-agent.js';
import { describeOnEveryStore, openStore, type StoreLocation } from '../src/durable/stores.js';
import { type RunningAgent, startAgent } from '../src/harness.js';

/** Completes at once, or asks for input when the text says "wait". */
const executor: AgentExecutor = {
  async execute(context, events) {
    await events.addArtifact({ parts: [{ text: 'result' }] });
    if (context.message.parts[0]?.text === 'wait') await events.requireInput('More?');
    else await events.complete();
  },
};

function retentionScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  let store: BatonStore;
  let agent: RunningAgent;
  beforeAll(async () => {
    store = await openStore(location());
    agent = await startAgent({
      card: slowAgentCard,
      executor,
      // Everything finished is expired at once; the timer sweeps every 100 ms.
      handler: { store, recovery: 'none', retention: { maxAgeMs: 0, intervalMs: 100 } },
    });
  });
  afterAll(async () => {
    await agent?.close();
    await store?.close();
    await cleanup();
  });

  it('purges finished tasks with their events on its timer, and keeps unfinished ones', async () => {
    const client = await A2AClient.connect(agent.url, { cardCache: false });
    const done = (await client.sendMessage({ message: userMessage('go') })).task!;
    const open = (await client.sendMessage({ message: userMessage('wait') })).task!;
    expect(done.status.state).toBe('TASK_STATE_COMPLETED');
    const deadline = Date.now() + 10_000;
    while ((await store.events.read(done.id, 0)).length > 0) {
      if (Date.now() > deadline) throw new Error('the finished task was never purged');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect(client.getTask({ id: done.id })).rejects.toMatchObject({
      reason: 'TASK_NOT_FOUND',
    });
    expect((await client.getTask({ id: open.id })).status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect((await store.events.read(open.id, 0)).length).toBeGreaterThan(0);
  });
}

describeOnEveryStore('retention', retentionScenario);
